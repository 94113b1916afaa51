"""No lost updates on plans and assessments: a stale save shows both versions and keeps the input."""

from django.urls import reverse

from ipus.models import NeedsAssessment, PlanVersion
from tests.ipus.conftest import draft_plan


def plan_version_post(version, **changes):
    data = {
        "drawn_up_on": version.drawn_up_on.isoformat(),
        "valid_from": version.valid_from.isoformat(),
        "valid_to": version.valid_to.isoformat(),
        "expected_improvement": version.expected_improvement,
        "monitoring_every_months": 3,
        "quality_check_every_months": 3,
        "attachments": version.attachments,
        "version": version.version,
    }
    data.update(changes)
    return data


def test_a_stale_plan_save_shows_both_versions_and_keeps_the_input(client, kipus, ous, assessment):
    plan = draft_plan(assessment, kipus)
    version = plan.current_version
    opened = plan_version_post(version)  # both open the form at the same version
    url = reverse("ipus:version-update", args=[version.pk])
    client.force_login(ous)
    assert client.post(url, {**opened, "expected_improvement": "Wersja OUS"}).status_code == 302
    client.force_login(kipus)
    response = client.post(url, {**opened, "expected_improvement": "Wersja koordynatorki"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wersja OUS" in page and "Wersja koordynatorki" in page  # both, side by side
    version.refresh_from_db()
    assert version.expected_improvement == "Wersja OUS"  # nothing overwritten
    # Saving again after reading the conflict stores the coordinator's text deliberately.
    again = response.context["form"].data
    assert client.post(url, again).status_code == 302
    assert PlanVersion.objects.get(pk=version.pk).expected_improvement == "Wersja koordynatorki"


def test_a_stale_assessment_save_shows_both_versions(client, kipus, ous, assessment):
    assessment.status = "draft"
    assessment.save()
    url = reverse("ipus:assessment-update", args=[assessment.pk])
    client.force_login(kipus)
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "assessed_on": assessment.assessed_on.isoformat(),
            "place": "office",
            "version": assessment.version,
            "rows-TOTAL_FORMS": "0",
            "rows-INITIAL_FORMS": "0",
        }
    )
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        version=assessment.version + 1, problems="Zmiana innej osoby"
    )
    response = client.post(url, {**data, "problems": "Moja wersja problemów"})
    page = response.content.decode()
    assert "Zmiana innej osoby" in page and "Moja wersja problemów" in page
    assessment.refresh_from_db()
    assert assessment.problems == "Zmiana innej osoby"
