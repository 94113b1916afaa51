"""The schedule as the plan prints it, step 2 of 3: existing rows converted (its own transaction:
PostgreSQL refuses schema changes on a table with rows just written in the same one)."""

from django.db import migrations


def convert(apps, schema_editor):
    """Main goals (one a line) become PlanGoal rows; an item's free-text goal links the plan's goal
    of that title, or becomes one of the plan's goals (the text is kept as a goal, not lost); the
    single timing kind becomes a list; the participant count becomes the text and its numbers,
    counted per occurrence as before; "cała gmina" communities give their items to the gmina-wide
    schedule (items without a community) and are removed, or kept as territorial when they hold
    anything (leaders, resources, descriptions); items are numbered (Lp.) per schedule in the order
    they were shown; indicators are numbered per item."""
    OslPlan = apps.get_model("osl", "OslPlan")
    PlanGoal = apps.get_model("osl", "PlanGoal")
    Community = apps.get_model("osl", "Community")
    ScheduleItem = apps.get_model("osl", "ScheduleItem")
    Indicator = apps.get_model("osl", "Indicator")
    for community in Community.objects.filter(kind="municipality"):
        ScheduleItem.objects.filter(community=community).update(community=None)
        texts = [
            community.boundaries,
            community.description,
            community.potential,
            community.tools_so_far,
            community.leaders_note,
            community.baseline,
        ]
        holds = any(texts) or community.leaders.exists() or community.resources.exists()
        if holds:
            community.kind = "territorial"
            community.save(update_fields=["kind"])
        else:
            community.delete()
    for plan in OslPlan.objects.all():
        titles = [line.strip()[:300] for line in (plan.main_goals or "").splitlines()]
        goals = {}
        for title in titles:
            if title and title.lower() not in goals:
                goals[title.lower()] = PlanGoal.objects.create(
                    plan=plan, order=len(goals) + 1, title=title
                )
        numbers = {}
        for item in ScheduleItem.objects.filter(plan=plan).order_by("community_id", "area", "pk"):
            text = (item.goal or "").strip()
            if text and text.lower() not in goals:
                goals[text.lower()] = PlanGoal.objects.create(
                    plan=plan, order=len(goals) + 1, title=text
                )
            item.specific_goal = goals.get(text.lower()) if text else None
            numbers[item.community_id] = numbers.get(item.community_id, 0) + 1
            item.number = numbers[item.community_id]
            item.timing_kinds = [item.timing_kind] if item.timing_kind else []
            if item.expected_participants is not None:
                item.participants = str(item.expected_participants)
                item.participants_min = item.participants_max = item.expected_participants
                item.participants_basis = "occurrence"
            item.save()
    order = {}
    for indicator in Indicator.objects.order_by("item_id", "pk"):
        order[indicator.item_id] = order.get(indicator.item_id, 0) + 1
        indicator.order = order[indicator.item_id]
        indicator.save(update_fields=["order"])



class Migration(migrations.Migration):
    dependencies = [("osl", "0007_schedule_as_printed")]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
