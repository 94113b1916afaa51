"""The schedule's data migration: main goals become goals, an item's free-text goal links one
(or becomes one), the timing kind a list, the participant count text per occurrence, "cała gmina"
communities give their items to the gmina-wide schedule, items are numbered per schedule."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("osl", "0006_polish_model_names")]
AFTER = [("osl", "0009_schedule_cleanup")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_converts_existing_plans():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    plan = old.get_model("osl", "OslPlan").objects.create(
        title="Plan",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        main_goals="Integracja\nAktywizacja",
    )
    Community = old.get_model("osl", "Community")
    gmina = Community.objects.create(plan=plan, name="Gmina", kind="municipality")
    estate = Community.objects.create(plan=plan, name="Wzgórze", kind="territorial")
    Item = old.get_model("osl", "ScheduleItem")
    common = {"plan": plan, "area": "animation", "timing_kind": "frequency", "frequency": "monthly"}
    Item.objects.create(community=gmina, task="Festyn", goal="integracja", **common)
    Item.objects.create(community=estate, task="Kawiarenka", goal="Nowy cel", **common)
    Item.objects.create(community=estate, task="Spacer", expected_participants=12, **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    goals = new.get_model("osl", "PlanGoal").objects.filter(plan_id=plan.pk).order_by("order")
    assert [g.title for g in goals] == ["Integracja", "Aktywizacja", "Nowy cel"]
    assert not new.get_model("osl", "Community").objects.filter(kind="municipality").exists()
    items = {i.task: i for i in new.get_model("osl", "ScheduleItem").objects.all()}
    assert items["Festyn"].community_id is None and items["Festyn"].number == 1
    assert items["Festyn"].specific_goal_id == goals[0].pk
    assert items["Kawiarenka"].specific_goal_id == goals[2].pk
    assert [items["Kawiarenka"].number, items["Spacer"].number] == [1, 2]
    assert items["Spacer"].timing_kinds == ["frequency"]
    spacer = items["Spacer"]
    assert (spacer.participants, spacer.participants_min, spacer.participants_basis) == (
        "12",
        12,
        "occurrence",
    )
