"""The activity log: correcting and deleting with history, dates inside the plan, uploads kept
across a failed validation, volunteers' hours everywhere they count, consents, the XLSX."""

import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from osl import activities, workflows
from osl.forms import ActivityForm, LeaderForm, VolunteerForm
from osl.models import (
    Activity,
    AnnualReport,
    Community,
    Evidence,
    Indicator,
    Leader,
    OslPlan,
    Partner,
    ScheduleItem,
    Volunteer,
    VolunteerHours,
)
from tests.factories import UserFactory, pdf_bytes


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plan(db, osl_organizer, director):
    """A July–June plan, adopted."""
    plan = OslPlan(
        title="Plan OSL 2025/2026",
        period_start=date(2025, 7, 1),
        period_end=date(2026, 6, 30),
    )
    plan.stamp(osl_organizer)
    plan.save()
    ScheduleItem.objects.create(
        plan=plan,
        area="animation",
        task="Klub sąsiedzki",
        timing_kinds=["frequency"],
        frequency="monthly",
    )
    workflows.adopt(workflows.submit(plan, director), "7/2025", date(2025, 6, 20), director)
    return plan


@pytest.fixture
def row(plan):
    return plan.schedule_items.get()


@pytest.fixture
def volunteers(db):
    return [
        Volunteer.objects.create(name=name, consent_on=date(2025, 1, 2))
        for name in ("Anna Wolna", "Bogdan Chętny")
    ]


def form_data(**extra):
    data = {
        "held_on": "2025-09-10",
        "place": "Świetlica",
        "description": "Spotkanie klubu",
        "participants": "12",
        "version": "1",
        "hours-TOTAL_FORMS": "0",
        "hours-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def hours_rows(*rows, initial=0):
    data = {"hours-TOTAL_FORMS": str(len(rows)), "hours-INITIAL_FORMS": str(initial)}
    for index, (volunteer, hours) in enumerate(rows):
        data[f"hours-{index}-volunteer"] = str(volunteer.pk)
        data[f"hours-{index}-hours"] = hours
    return data


def log(row, author, **fields):
    fields.setdefault("held_on", date(2025, 9, 10))
    fields.setdefault("place", "Świetlica")
    activity = Activity(item=row, description="x", participants=5, **fields)
    activity.stamp(author)
    activity.save()
    return activity


# Who corrects and deletes


@pytest.mark.parametrize("who", ["author", "osl_organizer"])
def test_the_author_and_the_organizer_correct_an_activity_with_history(
    client, row, animator, osl_organizer, who
):
    activity = log(row, animator)
    client.force_login(animator if who == "author" else osl_organizer)
    response = client.post(
        reverse("osl:activity-update", args=[activity.pk]),
        form_data(place="Biblioteka", participants="20"),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.place == "Biblioteka" and activity.participants == 20
    changed = activity.history.filter(history_type="~").get()
    assert changed.history_user == (animator if who == "author" else osl_organizer)
    page = client.get(reverse("osl:activity-detail", args=[activity.pk])).content.decode()
    assert "Historia zmian" in page and "miejsce" in page  # the changed field is named


@pytest.mark.parametrize("who", ["author", "osl_organizer"])
def test_deleting_asks_for_confirmation_then_keeps_the_history(
    client, row, animator, osl_organizer, who
):
    activity = log(row, animator)
    client.force_login(animator if who == "author" else osl_organizer)
    url = reverse("osl:activity-delete", args=[activity.pk])
    page = client.get(url).content.decode()
    assert "Usunąć działanie?" in page and Activity.objects.filter(pk=activity.pk).exists()
    assert client.post(url, {}).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert Activity.history.filter(id=activity.pk, history_type="-").exists()


def test_another_animator_can_neither_see_nor_correct_nor_delete(client, row, animator):
    activity = log(row, animator)
    other = UserFactory(username="anim-2", role="Animator")
    client.force_login(other)
    for name in ("osl:activity-detail", "osl:activity-update", "osl:activity-delete"):
        assert client.get(reverse(name, args=[activity.pk])).status_code == 404
    assert client.post(reverse("osl:activity-delete", args=[activity.pk])).status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert "Świetlica" not in client.get(reverse("osl:activity-list")).content.decode()


def test_readers_see_the_log_but_correct_nothing(client, row, animator, kipus):
    activity = log(row, animator)
    client.force_login(kipus)
    assert client.get(reverse("osl:activity-list")).status_code == 200
    page = client.get(reverse("osl:activity-detail", args=[activity.pk])).content.decode()
    assert reverse("osl:activity-update", args=[activity.pk]) not in page
    assert client.get(reverse("osl:activity-update", args=[activity.pk])).status_code == 403


def test_the_animator_sees_their_own_activities_in_the_log(client, row, animator, osl_organizer):
    log(row, animator, place="Moja świetlica")
    log(row, osl_organizer, place="Cudza sala")
    client.force_login(animator)
    page = client.get(reverse("osl:activity-list")).content.decode()
    assert "Moje działania" in page and "Moja świetlica" in page and "Cudza sala" not in page


# After a report


@pytest.fixture
def report(plan, osl_organizer):
    report = AnnualReport(
        plan=plan, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), narrative="x"
    )
    report.stamp(osl_organizer)
    report.save()
    return report


def test_after_a_report_a_correction_needs_a_reason_and_is_listed(client, row, animator, report):
    activity = log(row, animator)
    activity.history.update(history_date=timezone.now() - timedelta(days=2))  # logged before
    AnnualReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(days=1))
    report.refresh_from_db()
    client.force_login(animator)
    url = reverse("osl:activity-update", args=[activity.pk])
    response = client.post(url, form_data(participants="7"))
    assert response.status_code == 200 and "podaj powód zmiany" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).participants == 5
    response = client.post(url, form_data(participants="7", reason="Błędnie policzona lista"))
    assert Activity.objects.get(pk=activity.pk).version == 2
    assert response.status_code == 302
    [correction] = activities.corrections_since(report)
    assert correction.history_change_reason == "Błędnie policzona lista"
    assert correction.history_user == animator and correction.history_type == "~"
    html = client.get(reverse("osl:activity-detail", args=[activity.pk])).content.decode()
    assert "Błędnie policzona lista" in html


def test_after_a_report_a_deletion_needs_a_reason(client, row, osl_organizer, report):
    activity = log(row, osl_organizer)
    client.force_login(osl_organizer)
    url = reverse("osl:activity-delete", args=[activity.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert client.post(url, {"reason": "Zapisane dwa razy"}).status_code == 302
    deleted = Activity.history.get(id=activity.pk, history_type="-")
    assert deleted.history_change_reason == "Zapisane dwa razy"


def test_a_correction_outside_any_reported_period_needs_no_reason(client, row, animator, report):
    activity = log(row, animator, held_on=date(2026, 2, 1))
    client.force_login(animator)
    url = reverse("osl:activity-update", args=[activity.pk])
    assert client.post(url, form_data(held_on="2026-02-02")).status_code == 302
    # …but moving it into the reported year does.
    assert client.post(url, form_data(held_on="2025-12-02", version="2")).status_code == 200


def test_report_covering_reads_the_report_of_the_activitys_period(row, animator, report):
    assert activities.report_covering(log(row, animator)) == report
    assert activities.report_covering(log(row, animator, held_on=date(2026, 1, 5))) is None


# Dates


def test_a_date_outside_the_plan_is_refused_in_polish(client, row, animator):
    client.force_login(animator)
    response = client.post(
        reverse("osl:activity-create", args=[row.pk]), form_data(held_on="2026-07-15")
    )
    assert response.status_code == 200 and "Data spoza okresu planu" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_date_outside_the_items_timing_is_saved_with_a_warning(client, plan, animator):
    row = ScheduleItem.objects.create(
        plan=plan,
        area="animation",
        task="Festyn",
        timing_kinds=["range"],
        starts_on=date(2025, 8, 1),
        ends_on=date(2025, 8, 31),
    )
    client.force_login(animator)
    response = client.post(
        reverse("osl:activity-create", args=[row.pk]), form_data(held_on="2025-11-01"), follow=True
    )
    assert Activity.objects.filter(item=row).exists()
    assert "poza terminem zadania" in response.content.decode()


@pytest.mark.parametrize(
    ("timing", "inside", "outside"),
    [
        (
            {"timing_kinds": ["quarters"], "quarters": ["2025-Q3"]},
            date(2025, 8, 1),
            date(2025, 10, 1),
        ),
        ({"timing_kinds": ["months"], "months": ["2025-09"]}, date(2025, 9, 30), date(2025, 10, 1)),
        (
            {"timing_kinds": ["date"], "starts_on": date(2025, 9, 5)},
            date(2025, 9, 5),
            date(2025, 9, 6),
        ),
        ({"timing_kinds": ["frequency"], "frequency": "weekly"}, date(2025, 9, 5), None),
    ],
)
def test_outside_timing_for_each_timing_form(plan, timing, inside, outside):
    row = ScheduleItem(plan=plan, area="animation", task="x", **timing)
    assert not activities.outside_timing(row, inside)
    if outside:
        assert activities.outside_timing(row, outside)


# Counts


@pytest.mark.parametrize("field", ["participants", "children", "youth", "adults", "seniors"])
@pytest.mark.parametrize("value", ["3,5", "-2", "dużo"])
def test_count_fields_take_whole_people_only(row, field, value):
    form = ActivityForm(form_data(**{field: value}), item=row)
    assert not form.is_valid()
    assert field in form.errors and re.search(r"liczb|ujemn", form.errors[field][0])


@pytest.mark.parametrize("field", ["participants", "children", "youth", "adults", "seniors"])
def test_count_fields_open_the_numeric_keypad(row, field):
    html = str(ActivityForm(item=row)[field])
    assert 'inputmode="numeric"' in html and 'pattern="[0-9]*"' in html


# Uploads kept


def test_the_evidence_file_is_kept_across_a_failed_validation(client, row, animator):
    client.force_login(animator)
    url = reverse("osl:activity-create", args=[row.pk])
    scan = SimpleUploadedFile("lista.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(url, form_data(place="", evidence=scan))
    page = response.content.decode()
    assert response.status_code == 200 and "Załączony plik: lista.pdf (zostanie zapisany)" in page
    token = re.search(r'name="evidence_kept" value="([^"]+)"', page).group(1)
    # The corrected submit, without attaching the file again.
    response = client.post(url, form_data(evidence_kept=token))
    assert response.status_code == 302
    evidence = Evidence.objects.get(activity__item=row)
    assert evidence.title == "lista.pdf" and evidence.document.file.read() == pdf_bytes()


def test_a_kept_file_can_be_removed_and_is_not_for_another_session(client, row, animator):
    client.force_login(animator)
    url = reverse("osl:activity-create", args=[row.pk])
    scan = SimpleUploadedFile("lista.pdf", pdf_bytes(), content_type="application/pdf")
    page = client.post(url, form_data(place="", evidence=scan)).content.decode()
    token = re.search(r'name="evidence_kept" value="([^"]+)"', page).group(1)
    other = client.__class__()
    other.force_login(UserFactory(username="anim-3", role="Animator"))
    assert other.post(url, form_data(evidence_kept=token)).status_code == 302
    assert not Evidence.objects.exists()  # a foreign token is ignored
    assert client.post(url, form_data(evidence_kept=token, evidence_drop="on")).status_code == 302
    assert not Evidence.objects.exists()


# Volunteers and hours


def test_hours_are_per_volunteer_and_shown_everywhere(
    client, row, animator, osl_organizer, volunteers
):
    anna, bogdan = volunteers
    client.force_login(animator)
    response = client.post(
        reverse("osl:activity-create", args=[row.pk]),
        form_data(**hours_rows((anna, "2,5"), (bogdan, "4"))),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    got = {h.volunteer: h.hours for h in VolunteerHours.objects.filter(activity=activity)}
    assert got == {anna: Decimal("2.5"), bogdan: Decimal("4")}

    detail = client.get(reverse("osl:activity-detail", args=[activity.pk])).content.decode()
    assert "Anna Wolna: 2,5 godziny" in detail and "Bogdan Chętny: 4 godziny" in detail
    log_page = client.get(reverse("osl:activity-list")).content.decode()
    assert "2 / 6,5 h" in log_page

    client.force_login(osl_organizer)
    registry = client.get(reverse("osl:volunteer-list")).content.decode()
    assert "2,5 godziny, 1 działanie" in registry and "4 godziny, 1 działanie" in registry

    rows = list(activities.volunteer_hours(row.plan, date(2025, 7, 1), date(2026, 6, 30)))
    assert [(v.name, v.hours, v.activities_count) for v in rows] == [
        ("Bogdan Chętny", Decimal("4.0"), 1),
        ("Anna Wolna", Decimal("2.5"), 1),
    ]
    assert not activities.volunteer_hours(row.plan, date(2026, 1, 1), date(2026, 6, 30))


def test_the_volunteer_list_counts_activities_with_polish_plurals(
    client, row, osl_organizer, volunteers
):
    anna = volunteers[0]
    for day in range(1, 6):
        activity = log(row, osl_organizer, held_on=date(2025, 9, day))
        VolunteerHours.objects.create(activity=activity, volunteer=anna, hours=1)
    client.force_login(osl_organizer)
    page = client.get(reverse("osl:volunteer-list")).content.decode()
    assert "5 godzin, 5 działań" in page and "0 godzin, 0 działań" in page


def test_a_volunteer_twice_in_one_activity_is_refused(client, row, animator, volunteers):
    client.force_login(animator)
    response = client.post(
        reverse("osl:activity-create", args=[row.pk]),
        form_data(**hours_rows((volunteers[0], "1"), (volunteers[0], "2"))),
    )
    assert response.status_code == 200 and not Activity.objects.exists()


def test_readers_without_the_register_see_hours_but_no_names(
    client, row, animator, kipus, volunteers
):
    activity = log(row, animator)
    VolunteerHours.objects.create(activity=activity, volunteer=volunteers[0], hours=3)
    client.force_login(kipus)
    page = client.get(reverse("osl:activity-detail", args=[activity.pk])).content.decode()
    assert "Anna Wolna" not in page and "1 wolontariusz" in page and "3 godziny" in page
    book = load_workbook(
        io.BytesIO(client.get(reverse("osl:activity-list") + "?format=xlsx").content)
    )
    assert "Anna Wolna" not in str([c.value for r in book.active.iter_rows() for c in r])


@pytest.mark.parametrize("form_class", [VolunteerForm, LeaderForm])
def test_consent_dates_in_the_future_are_refused(plan, form_class):
    community = Community.objects.create(plan=plan, name="Wzgórze", kind="territorial")
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = {
        "name": "Jan Lider",
        "community": community.pk,
        "consent_on": tomorrow.isoformat(),
        "consent_scope": "kontakt",
        "active": "on",
        "version": "1",
    }
    form = form_class(data)
    assert not form.is_valid() and "przyszłości" in form.errors["consent_on"][0]
    data["consent_on"] = timezone.localdate().isoformat()
    assert form_class(data).is_valid(), form_class(data).errors


def test_a_leader_is_saved_with_a_consent(plan):
    community = Community.objects.create(plan=plan, name="Wzgórze", kind="territorial")
    form = LeaderForm({"name": "Jan", "community": community.pk, "version": "1"})
    assert not form.is_valid() and "consent_on" in form.errors
    Leader.objects.create(community=community, name="Dawny lider")  # old rows: no consent


# The XLSX


def test_the_activity_xlsx_has_typed_cells_volunteers_partners_and_indicators(
    client, row, osl_organizer, volunteers
):
    indicator = Indicator.objects.create(item=row, name="Spotkania", target=10, unit="spotkań")
    partner = Partner.objects.create(name="Parafia Łazy", kind="church")
    activity = log(row, osl_organizer)
    activity.partners.add(partner)
    activity.values.create(indicator=indicator, value=1)
    VolunteerHours.objects.create(activity=activity, volunteer=volunteers[0], hours=Decimal("2.5"))
    client.force_login(osl_organizer)
    response = client.get(reverse("osl:activity-list") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    values = dict(zip(headers, list(sheet[2]), strict=True))
    assert values["Data"].is_date and values["Data"].value == datetime(2025, 9, 10)
    assert values["Data"].number_format == "DD.MM.YYYY"
    assert values["Uczestnicy"].data_type == "n" and values["Godziny wolontariuszy"].value == 2.5
    assert values["Wolontariusze (godziny)"].value == "Anna Wolna (2,5 h)"
    assert values["Partnerzy"].value == "Parafia Łazy"
    assert values["Wskaźniki"].value == "Spotkania: 1 spotkań"


def test_after_a_report_an_unchanged_save_needs_no_reason_but_new_hours_do(
    client, row, animator, report, volunteers
):
    activity = log(row, animator)
    client.force_login(animator)
    url = reverse("osl:activity-update", args=[activity.pk])
    unchanged = form_data(place="Świetlica", description="x", participants="5")
    assert client.post(url, unchanged).status_code == 302
    response = client.post(url, {**unchanged, "version": "2", **hours_rows((volunteers[0], "2"))})
    assert response.status_code == 200 and "podaj powód zmiany" in response.content.decode()
    assert not VolunteerHours.objects.exists()
