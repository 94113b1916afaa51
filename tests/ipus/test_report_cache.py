"""The report cache keeps the values reports show, never a person's record (issue 22)."""

from cus import reports


def test_the_cached_reports_hold_no_personal_data(client, ous, kipus, director, seed_services):
    """Every report page is opened (HTML and export) over a person with a PESEL and health
    notes; every row of the cache then reads back as plain values without them."""
    from django.urls import reverse

    from cus.models import ReportCache
    from ipus.models import Person
    from tests.ipus.conftest import approved_plan, make_assessed_request

    assessment = make_assessed_request(kipus, seed_services, "Cachowska")
    Person.objects.filter(pk=assessment.request.person_id).update(
        pesel="41050312345", health="Cukrzyca typu 2", disability_note="Orzeczenie XYZ"
    )
    approved_plan(assessment, kipus, director)
    client.force_login(ous)
    for url, query in (
        (reverse("ipus:quarter-review"), {}),
        (reverse("ipus:quarter-review"), {"format": "xlsx"}),
        (reverse("ipus:indicators"), {}),
        (reverse("services:capacity"), {}),
        (reverse("ipus:plan-list"), {}),
        (reverse("ipus:request-list"), {"scope": "all"}),
    ):
        assert client.get(url, query).status_code == 200, url
    rows = list(ReportCache.objects.all())
    assert {row.key.split(":")[0] for row in rows} >= {
        "quarter-review",
        "quarter-review-body",
        "indicators",
        "capacity",
        "capacity-html",
        "list-count",
    }
    for row in rows:
        text = repr(reports.loads(bytes(row.value)))
        for secret in ("41050312345", "Cukrzyca typu 2", "Orzeczenie XYZ"):
            assert secret not in text, row.key
