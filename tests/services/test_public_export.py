"""The public catalogue's XLSX and CSV carry only what the public service page shows:
every column is a label of that page (or its title and lead) and every cell of every
service's row is on that service's page (both formats, every service, every column)."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from services.models import Service
from tests.services.test_catalogue import catalogue  # noqa: F401 (a fixture)

HEADING = ("Nazwa usługi", "Opis")  # the page's title and lead


def _rows(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.values]


def _page_text(client, service):
    page = client.get(reverse("catalogue:service", args=[service.pk])).content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _labels(client, service):
    page = client.get(reverse("catalogue:service", args=[service.pk])).content.decode()
    return {html.unescape(label).strip() for label in re.findall(r"<dt[^>]*>(.*?)</dt>", page)}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_public_export_holds_only_what_the_public_page_shows(client, catalogue, fmt):  # noqa: F811
    Service.objects.filter(pk=catalogue["taxi"].pk).update(
        capacity_units=99, capacity_period="month", discount_rules="50% dla seniorów"
    )
    header, *rows = _rows(client.get(reverse("catalogue:list"), {"format": fmt}), fmt)
    assert "Limit jednostek" not in header and "Aktywna" not in header
    by_name = {service.name: service for service in Service.objects.public()}
    assert {row[0] for row in rows} == set(by_name)
    for row in rows:
        service = by_name[row[0]]
        labels, text = _labels(client, service), _page_text(client, service)
        for column, cell in zip(header, row, strict=True):
            assert column in HEADING or column in labels, column
            for line in filter(None, cell.splitlines()):
                assert " ".join(line.split()) in text, (service.name, column, line)
