"""The OSL progress dashboard and activity log as their pages show them (rows from
templates/jinja2/osl/rows/): names escaped, items behind their schedule marked, links right."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from osl.models import Activity, Community, Indicator, IndicatorValue, OslPlan, ScheduleItem
from tests.factories import UserFactory

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def plan(db, osl_organizer):
    plan = OslPlan(title="Plan OSL", period_start=date(2025, 1, 1), period_end=date(2026, 12, 31))
    plan.stamp(osl_organizer)
    plan.save()
    return plan


def row_with(page, text):
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    [row] = [row for row in re.findall(r"<tr[ >].*?</tr>", body, re.S) if text in row]
    return row


def test_progress_marks_an_item_behind_its_schedule_and_escapes_names(client, plan, osl_organizer):
    community = Community.objects.create(plan=plan, name=HOSTILE, kind="territorial")
    meetings = ScheduleItem.objects.create(
        plan=plan,
        area="animation",
        community=community,
        task="Spotkania klubu",
        timing_kinds=["frequency"],
        frequency="monthly",
        participants="10",
        participants_basis="occurrence",
    )
    share = Indicator.objects.create(item=meetings, name="Udział", target=Decimal("2.5"), unit="%")
    activity = Activity.objects.create(
        item=meetings, held_on=date(2025, 1, 10), place="Świetlica", description="x", participants=8
    )
    IndicatorValue.objects.create(activity=activity, indicator=share, value=Decimal("1.25"))
    needs = ScheduleItem.objects.create(
        plan=plan,
        area="animation",
        task="Doradztwo",
        timing_kinds=["frequency"],
        frequency="as_needed",
    )
    client.force_login(osl_organizer)
    page = client.get(reverse("osl:plan-progress", args=[plan.pk])).text

    behind = row_with(page, "Spotkania klubu")
    assert behind.startswith('<tr class="table-warning">')
    assert f"<td>{ESCAPED}</td>" in behind and HOSTILE not in page
    link = f'<a href="{reverse("osl:item-detail", args=[meetings.pk])}">Spotkania klubu</a>'
    assert f'{link} <span class="badge text-bg-danger">opóźnienie</span>' in behind
    assert "<td>24 / 1</td>" in behind and "<td>240 / 8</td>" in behind
    # plan / wykonanie, as every column
    assert '<span class="text-danger">Udział (%): 2,5 / 1,25</span><br>' in behind

    kept = row_with(page, "Doradztwo")
    assert "table-warning" not in kept and "opóźnienie" not in kept
    assert "<td>cała gmina</td>" in kept and "<td>wg potrzeb / 0</td>" in kept
    assert f'href="{reverse("osl:item-detail", args=[needs.pk])}"' in kept
    assert "<td>— / 0</td>" in kept


def test_the_activity_log_escapes_places_and_authors_and_links_the_task(
    client, plan, osl_organizer
):
    item = ScheduleItem.objects.create(
        plan=plan,
        area="animation",
        task="Festyn",
        timing_kinds=["date"],
        starts_on=date(2025, 6, 1),
    )
    author = UserFactory(username="anim-hostile", first_name=HOSTILE, last_name="Łoś")
    Activity.objects.create(
        item=item,
        held_on=date(2025, 6, 1),
        place=f"Świetlica {HOSTILE}",
        description="x",
        participants=120,
        created_by=author,
    )
    client.force_login(osl_organizer)
    page = client.get(reverse("osl:activity-list")).text

    row = row_with(page, "Festyn")
    activity = Activity.objects.get(item=item)
    assert f'<a href="{reverse("osl:activity-detail", args=[activity.pk])}">01.06.2025</a>' in row
    assert "<td>cała gmina</td>" in row
    assert f'<a href="{reverse("osl:item-detail", args=[item.pk])}">Festyn</a>' in row
    assert f"<td>Świetlica {ESCAPED}</td>" in row and f"<td>{ESCAPED} Łoś</td>" in row
    assert "<td>120</td>" in row and HOSTILE not in page
    Activity.objects.all().delete()
    page = client.get(reverse("osl:activity-list")).text
    assert '<td colspan="7" class="text-muted">Brak działań.</td>' in page
