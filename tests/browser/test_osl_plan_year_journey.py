"""The OSL organizer of a plan running two plan years (today in the second's last quarter)
makes the first year's report through the plan page, is refused a second one, makes a
corrected version instead, and prepares next year's schedule with the year's conclusions."""

import io
from datetime import timedelta

from django.utils import timezone
from pypdf import PdfReader

from cus.dates import add_months, month_start
from osl import workflows
from osl.models import Activity, Community, OslPlan, ScheduleItem
from tests.factories import UserFactory


def pdf_text(data):
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_organizer_reports_a_plan_year_and_prepares_the_next(page, login_as):
    organizer = UserFactory(username="osl-y", first_name="Ewa", last_name="Nowak", role="OSL")
    director = UserFactory(username="dyrektor-y", role="Dyrektor")
    today = timezone.localdate()
    start = add_months(month_start(today), -22)  # today: the 11th month of the second year
    plan = OslPlan(
        title=f"Plan OSL na lata {start.year}–{add_months(start, 23).year}",
        period_start=start,
        period_end=add_months(start, 24) - timedelta(days=1),
    )
    plan.stamp(organizer)
    plan.save()
    community = Community.objects.create(plan=plan, name="Osiedle Zacisze", kind="territorial")
    item = ScheduleItem.objects.create(
        plan=plan,
        community=community,
        area="animation",
        task="Kawiarenka sąsiedzka",
        timing_kinds=["frequency"],
        frequency="monthly",
    )
    workflows.adopt(
        workflows.submit(plan, director), "9/2024", start - timedelta(days=10), director
    )
    first, second = plan.report_periods
    for day, people in ((start + timedelta(days=20), 11), (first.end - timedelta(days=5), 9)):
        Activity.objects.create(
            item=item, held_on=day, place="Klub", description="x", participants=people
        )
    Activity.objects.create(  # the second year's: not in the first year's report
        item=item,
        held_on=second.start + timedelta(days=3),
        place="Klub",
        description="x",
        participants=50,
    )
    page.on("dialog", lambda dialog: dialog.accept())

    login_as(page, "osl-y")
    page.goto(plan.get_absolute_url())
    assert page.get_by_text(f"za {first}: termin {first.deadline:%d.%m.%Y}").is_visible()
    page.locator("summary", has_text="Sporządź sprawozdanie roczne").click()
    page.locator("#id_report-period").select_option(label=f"rok planu {first}")
    page.locator("#id_report-narrative").fill("Powstała grupa sąsiedzka.")
    page.get_by_role("button", name="Sporządź sprawozdanie (PDF)").click()
    report = plan.reports.get()
    assert page.get_by_text(f"Sporządzono: {report}.").is_visible()
    assert report.numbers["activities"] == 2 and report.numbers["participants"] == 20

    page.locator("summary", has_text="Sporządź sprawozdanie roczne").click()
    page.locator("#id_report-period").select_option(label=f"rok planu {first}")
    page.locator("#id_report-narrative").fill("Drugie sprawozdanie za ten sam rok")
    page.get_by_role("button", name="Sporządź sprawozdanie (PDF)").click()
    assert page.get_by_text("Za ten okres jest już sprawozdanie").is_visible()
    assert plan.reports.count() == 1

    page.locator("summary", has_text="Sporządź wersję poprawioną").click()
    page.locator(f"#id_correct-{report.pk}-narrative").fill(
        "Powstała grupa sąsiedzka; poprawiono opis."
    )
    page.get_by_role("button", name="Sporządź wersję poprawioną (PDF)").click()
    assert page.get_by_text("poprzednia wersja pozostaje w historii").is_visible()
    corrected = plan.reports.get(replaced_by__isnull=True)
    assert page.get_by_role("link", name=str(corrected)).is_visible()
    assert page.get_by_text("wcześniejsze wersje (zastąpione):").is_visible()
    assert corrected.revision == 2 and "poprawiono opis" in pdf_text(corrected.document.read())

    page.locator("summary", has_text="Harmonogram na kolejny rok").click()
    conclusions = "Mieszkańcy chcą spotkań w soboty;\npotrzebna świetlica dla młodzieży."
    page.locator("#id_copy-conclusions").fill(conclusions)
    page.get_by_role("button", name="Przenieś harmonogram na kolejny rok").click()
    assert page.get_by_text("Utworzono projekt nowej wersji planu").is_visible()
    copy = OslPlan.objects.get(previous=plan)
    assert copy.monitoring_conclusions.replace("\r\n", "\n") == conclusions
    assert copy.period_start == second.end + timedelta(days=1)  # no month already past
    assert copy.title == f"Plan OSL na lata {copy.period_start.year}–{copy.period_end.year}"
    assert page.get_by_text("potrzebna świetlica dla młodzieży").is_visible()
