"""Rows are added and removed in the page, without "save, then edit" (static/js/formset.js):
two rows added and one removed on the assessment's services and on a programme's goals, then
saved once; what was typed in the kept row is stored, the removed one is not."""

from datetime import date

from django.urls import reverse

from ipus.models import AssessmentServiceRow
from services.models import Programme, ProgrammeGoal
from tests.ipus.conftest import make_assessed_request, seed_services  # noqa: F401 (fixture)


def add_two_rows_and_remove_the_first(page, prefix, fill):
    """Click "add" twice, fill both new rows (``fill(row, n)``), remove the first new one."""
    rows = page.locator(f'[data-formset-prefix="{prefix}"] [data-formset-rows] > tr')
    shown = rows.count()
    add = page.locator(f'[data-formset-prefix="{prefix}"] [data-formset-add]')
    add.click()
    add.click()
    assert rows.count() == shown + 2
    total = page.locator(f'input[name="{prefix}-TOTAL_FORMS"]')
    assert int(total.input_value()) == shown + 2
    fill(rows.nth(shown), 1)
    fill(rows.nth(shown + 1), 2)
    rows.nth(shown).locator("[data-formset-remove]").click()
    assert not rows.nth(shown).is_visible() and rows.nth(shown + 1).is_visible()


def test_assessment_service_rows_are_added_and_removed_in_the_page(
    page,
    login_as,
    kipus,
    seed_services,  # noqa: F811 (fixture)
):
    assessment = make_assessed_request(kipus, seed_services)
    before = set(
        AssessmentServiceRow.objects.filter(assessment=assessment).values_list("pk", flat=True)
    )
    login_as(page, kipus.username)
    page.goto(reverse("ipus:assessment-update", args=[assessment.pk]))
    # The column header names the fields: each label once, not again in every cell.
    assert page.locator("main").get_by_text("Albo opis usługi", exact=True).count() == 1

    def fill(row, n):
        row.locator("textarea[name$='-free_text']").fill(
            f"Osoba chciałaby skorzystać z zajęć ruchowych, wiersz {n}"
        )
        row.locator("input[name$='-quantity']").fill("1,5")

    add_two_rows_and_remove_the_first(page, "rows", fill)
    page.get_by_role("button", name="Zapisz", exact=True).click()
    page.wait_for_url(f"**{assessment.get_absolute_url()}")
    new = AssessmentServiceRow.objects.filter(assessment=assessment).exclude(pk__in=before)
    assert [(row.free_text, str(row.quantity)) for row in new] == [
        ("Osoba chciałaby skorzystać z zajęć ruchowych, wiersz 2", "1.50")
    ]
    assert (
        set(AssessmentServiceRow.objects.filter(pk__in=before).values_list("pk", flat=True))
        == before
    )


def test_programme_goals_are_added_and_removed_in_the_page(page, login_as, ous):
    programme = Programme.objects.create(
        name="Program usług społecznych",
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
        main_goal="Wsparcie seniorów",
    )
    ProgrammeGoal.objects.create(programme=programme, number=1, title="Cel pierwszy")
    login_as(page, ous.username)
    page.goto(reverse("services:programme-update", args=[programme.pk]))

    def fill(row, n):
        row.locator("input[name$='-number']").fill(str(n + 1))
        row.locator("input[name$='-title']").fill(f"Cel dodany {n}")

    add_two_rows_and_remove_the_first(page, "goals", fill)
    page.get_by_role("button", name="Zapisz program").click()
    page.wait_for_url(f"**{programme.get_absolute_url()}")
    assert list(programme.goals.order_by("number").values_list("number", "title")) == [
        (1, "Cel pierwszy"),
        (3, "Cel dodany 2"),
    ]
