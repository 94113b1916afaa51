"""Start page, menu per role, health check, centre profile and the admin as a work tool."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from cus.models import CentreProfile

MENU = "Menu główne"


def menu_labels(client):
    response = client.get(reverse("cus:home"))
    assert response.status_code == 200
    return {item["label"] for item in response.context["nav_items"]}


@pytest.mark.parametrize(
    ("persona", "visible", "hidden"),
    [
        ("kipus", {"Pulpit", "Panel administracyjny"}, {"Dziennik dostępu", "Profil centrum"}),
        ("ous", {"Pulpit", "Panel administracyjny"}, {"Dziennik dostępu", "Profil centrum"}),
        ("osl_organizer", {"Pulpit"}, {"Panel administracyjny", "Dziennik dostępu"}),
        ("director", {"Pulpit"}, {"Panel administracyjny", "Profil centrum"}),
        ("iod", {"Pulpit", "Dziennik dostępu"}, {"Panel administracyjny", "Profil centrum"}),
        ("administrator", {"Profil centrum", "Panel administracyjny"}, {"Dziennik dostępu"}),
        ("outsider", {"Pulpit"}, {"Panel administracyjny", "Dziennik dostępu", "Profil centrum"}),
    ],
    indirect=["persona"],
)
def test_the_menu_shows_each_role_only_what_it_may_use(client, persona, visible, hidden):
    client.force_login(persona)
    labels = {str(label) for label in menu_labels(client)}
    assert visible <= labels
    assert not hidden & labels


def test_a_user_without_a_role_is_told_to_ask_for_one(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("cus:home"))
    assert "nie ma jeszcze przypisanej roli" in response.text


def test_the_start_page_greets_in_polish_and_shows_the_role_section(client, kipus):
    client.force_login(kipus)
    response = client.get(reverse("cus:home"))
    assert response.headers["Content-Language"] == "pl"
    assert 'lang="pl"' in response.text
    assert 'id="home-kipus"' in response.text
    assert 'id="home-ous"' not in response.text


def test_healthz_reports_the_database(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db, monkeypatch):
    class DownConnection:
        def cursor(self):
            raise DatabaseError("down")

    monkeypatch.setattr("cus.views.connection", DownConnection())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"


def centre_form(**changes):
    data = {
        "name": "Centrum Usług Społecznych w Starachowicach",
        "short_name": "CUS Starachowice",
        "street": "ul. Majówka 21a",
        "postal_code": "27-200",
        "town": "Starachowice",
        "phone": "41 000 00 00",
        "email": "sekretariat@cus.example.pl",
        "website": "",
        "epuap_address": "",
        "office_hours": "pon.–pt. 7:30–15:30",
        "director_name": "Anna Kowalska",
        "gmina_kind": "urban",
        "version": CentreProfile.load().version,
    }
    data.update(changes)
    return data


def png_bytes(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_administrator_edits_the_centre_profile_with_a_logo(
    client, administrator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(administrator)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("cus:centre-profile"), {**centre_form(town="Starachowice"), "logo": logo}
    )
    assert response.status_code == 302
    centre = CentreProfile.load()
    assert centre.address_line == "ul. Majówka 21a, 27-200 Starachowice"
    assert centre.updated_by == administrator
    assert centre.history.count() >= 1

    logo_response = client.get(reverse("cus:centre-logo"))
    assert logo_response.status_code == 200
    assert logo_response["Content-Type"] == "image/png"
    assert logo_response["X-Content-Type-Options"] == "nosniff"


def test_a_bad_postal_code_is_refused_at_the_field_and_the_input_kept(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("cus:centre-profile"), centre_form(postal_code="27200", town="Wąchock")
    )
    assert response.status_code == 200
    assert "Kod pocztowy ma postać NN-NNN" in response.text
    assert 'value="Wąchock"' in response.text
    assert not CentreProfile.objects.filter(town="Wąchock").exists()


def test_a_file_that_is_not_an_image_is_refused_as_a_logo(
    client, administrator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(administrator)
    fake = SimpleUploadedFile(
        "logo.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    response = client.post(reverse("cus:centre-profile"), {**centre_form(), "logo": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
    assert not list(tmp_path.rglob("*.png"))


def test_the_letterhead_sample_prints_the_centre_with_polish_letters(client, administrator):
    client.force_login(administrator)
    client.post(reverse("cus:centre-profile"), centre_form())
    response = client.get(reverse("cus:centre-letterhead"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Centrum Usług Społecznych w Starachowicach" in text
    assert "Zażółć gęślą jaźń" in text


@pytest.mark.parametrize(
    "persona", ["kipus", "ous", "osl_organizer", "director", "iod"], indirect=True
)
def test_only_the_administrator_edits_the_centre_profile(client, persona):
    client.force_login(persona)
    assert client.get(reverse("cus:centre-profile")).status_code == 403
    assert client.post(reverse("cus:centre-profile"), centre_form(town="X")).status_code == 403
    assert client.get(reverse("cus:centre-letterhead")).status_code == 403


def test_the_logo_is_404_until_one_is_uploaded(client, kipus):
    client.force_login(kipus)
    assert client.get(reverse("cus:centre-logo")).status_code == 404


@pytest.mark.parametrize("persona", ["kipus", "ous", "administrator"], indirect=True)
def test_kipus_ous_and_administrator_work_in_the_polish_admin(client, persona):
    client.force_login(persona)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "CUS — panel administracyjny" in response.text


@pytest.mark.parametrize("persona", ["osl_organizer", "director", "animator", "iod"], indirect=True)
def test_other_roles_do_not_reach_the_admin(client, persona):
    client.force_login(persona)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_administrator_manages_users_but_cannot_make_superusers(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("admin:cus_user_changelist"))
    assert response.status_code == 200
    change = client.get(reverse("admin:cus_user_change", args=[administrator.pk]))
    assert change.status_code == 200
    assert "is_superuser" not in change.context["adminform"].form.fields


def test_a_stale_save_shows_both_versions_and_keeps_the_input(client, administrator):
    client.force_login(administrator)
    client.post(reverse("cus:centre-profile"), centre_form())
    opened_at = CentreProfile.load().version
    page = client.get(reverse("cus:centre-profile"))
    assert re.search(rf'<input type="hidden" name="version" value="{opened_at}"', page.text)

    # Meanwhile someone else changes the town.
    other = CentreProfile.load()
    other.town = "Wąchock"
    other.save_checked(other.version)

    response = client.post(
        reverse("cus:centre-profile"), centre_form(town="Brody", version=opened_at)
    )
    assert response.status_code == 200
    assert "Ktoś zapisał ten formularz" in response.text
    assert "Wąchock" in response.text  # their version
    assert 'value="Brody"' in response.text  # my input kept
    assert CentreProfile.load().town == "Wąchock"

    # Saving again after reading the conflict stores my version deliberately.
    again = client.post(
        reverse("cus:centre-profile"), centre_form(town="Brody", version=opened_at + 1)
    )
    assert again.status_code == 302
    assert CentreProfile.load().town == "Brody"


def test_two_saves_of_the_same_version_cannot_both_pass(db):
    from cus.models import StaleObjectError

    CentreProfile.load().save()
    first, second = CentreProfile.load(), CentreProfile.load()
    first.town = "A"
    first.save_checked(first.version)
    second.town = "B"
    with pytest.raises(StaleObjectError):
        second.save_checked(second.version)
    assert CentreProfile.load().town == "A"
