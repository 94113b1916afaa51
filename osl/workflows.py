"""OSL operations that touch several models, each in one transaction."""

import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from cus.choices import DocumentKind
from cus.models import StoredDocument
from cus.pdf import render_pdf
from osl.activities import corrections_since, volunteer_hours
from osl.choices import PlanStatus, SwotKind, TimingKind
from osl.models import (
    Activity,
    AnnualReport,
    Indicator,
    OslPlan,
    PlanGoal,
    PlanSection,
    ScheduleItem,
    Stage,
    SwotEntry,
)
from osl.progress import item_progress

# "Zarządzenie nr 7/2025", "zarządzenie nr. 7/2025", "Nr 7/2025": the number is "7/2025" (the
# documents print "Zarządzenie nr" themselves; it was printed twice).
ORDER_PREFIX = re.compile(r"^\s*(zarz[aą]dzeni[ea]\s*)?(nr\.?|numer)?\s*", re.IGNORECASE)


def order_number_of(text):
    """The order's number as typed, without a leading "Zarządzenie nr"."""
    return ORDER_PREFIX.sub("", text or "", count=1).strip()


def plan_document(plan):
    """The plan printed as the annex to the director's order (pdf/osl_plan.html)."""
    items = list(plan.schedule_items.for_table())
    communities = list(plan.communities.all())
    quarters = plan.quarters
    entries = list(plan.swot.all())
    context = {
        "plan": plan,
        "sections": list(plan.sections.all()),
        "swot": [
            (SwotKind(kind).label, [e for e in entries if e.kind == kind])
            for kind in SwotKind.values
        ],
        "has_swot": bool(entries),
        "communities": communities,
        "schedules": [(None, [i for i in items if i.community_id is None])]
        + [(c, [i for i in items if i.community_id == c.pk]) for c in communities],
        "quarters": quarters,
        "matrix": [
            (s, [s.component_codes if q.slug in s.quarters else "" for q in quarters])
            for s in plan.stages.all()
        ],
    }
    return render_pdf("pdf/osl_plan.html", context)


def freeze_document(plan, user):
    """Store the plan as printed now on its latest status change: the document handed to
    the director (submitted) or adopted by the order (its number printed). A plan that is
    no longer a draft does not change, so it is served from these bytes, never re-rendered."""
    transition = plan.transitions.order_by("at", "pk").last()
    transition.document = StoredDocument.store(
        plan_document(plan), kind=DocumentKind.FROZEN, title=str(plan), user=user
    )
    transition.save(update_fields=["document"])


@transaction.atomic
def submit(plan, user):
    """The OSL organizer hands the draft to the director for adoption."""
    plan = OslPlan.objects.select_for_update().get(pk=plan.pk)
    plan.set_status(PlanStatus.SUBMITTED, user)
    freeze_document(plan, user)
    return plan


@transaction.atomic
def return_for_changes(plan, comments, user):
    """The director sends the submitted draft back with comments (kept in the history)."""
    plan = OslPlan.objects.select_for_update().get(pk=plan.pk)
    plan.set_status(PlanStatus.DRAFT, user, note=comments)
    return plan


@transaction.atomic
def adopt(plan, order_number, order_date, user):
    """The director's order adopts the submitted plan; the adopted version is never edited
    again, and the version it updates is replaced ("zastąpiony")."""
    plan = OslPlan.objects.select_for_update().get(pk=plan.pk)
    plan.order_number, plan.order_date = order_number_of(order_number), order_date
    plan.set_status(PlanStatus.ADOPTED, user)
    freeze_document(plan, user)
    if plan.previous_id:
        previous = OslPlan.objects.get(pk=plan.previous_id)
        if previous.status == PlanStatus.ADOPTED:
            previous.set_status(PlanStatus.SUPERSEDED, user)
    return plan


def _shift(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def new_version(plan, user, reason="", summary=None, years=0, conclusions=""):
    """A draft copy of ``plan`` (sections, SWOT, communities with leaders, stages, schedules with
    indicators) that becomes the plan once adopted. ``years`` moves the copy forward: the
    period, the schedule's dates and the years in the title (next year's schedule, made in
    the plan year's last quarter: OslPlan.next_year_period)."""
    source = OslPlan.objects.get(pk=plan.pk)
    copy = OslPlan(
        title=source.title_moved(years) if years else source.title,
        period_start=_shift(source.period_start, years),
        period_end=_shift(source.period_end, years),
        previous=source,
        version_number=source.version_number + 1,
        update_reason=reason,
        based_on_summary=summary,
        support_kinds=list(source.support_kinds),
        monitoring_conclusions=conclusions or source.monitoring_conclusions,
    )
    copy.stamp(user)
    copy.save()
    PlanSection.objects.bulk_create(
        [
            PlanSection(plan=copy, order=s.order, title=s.title, body=s.body)
            for s in source.sections.all()
        ]
    )
    SwotEntry.objects.bulk_create(
        [SwotEntry(plan=copy, kind=e.kind, text=e.text) for e in source.swot.all()]
    )
    goals = {}
    for goal in source.goals.all():
        goals[goal.pk] = PlanGoal.objects.create(
            plan=copy, order=goal.order, title=goal.title, description=goal.description
        )
    communities = {}
    for community in source.communities.prefetch_related("leaders"):
        leaders = list(community.leaders.all())
        old_pk = community.pk
        community.pk, community.plan = None, copy
        community._state.adding = True
        community.save()
        communities[old_pk] = community
        for leader in leaders:
            leader.pk, leader.community = None, community
            leader._state.adding = True
            leader.save()
    for stage in source.stages.all():
        Stage.objects.create(
            plan=copy,
            order=stage.order,
            name=stage.name,
            operational_goals=stage.operational_goals,
            components=list(stage.components),
            quarters=[_shift_quarter(q, years) for q in stage.quarters],
        )
    for item in source.schedule_items.prefetch_related("indicators", "partners"):
        indicators, partners = list(item.indicators.all()), list(item.partners.all())
        old = item.pk
        item.pk, item.plan, item.origin_id = None, copy, old
        item.community = communities.get(item.community_id)
        item.specific_goal = goals.get(item.specific_goal_id)
        item.quarters = [_shift_quarter(q, years) for q in item.quarters]
        item.months = [_shift_month(m, years) for m in item.months]
        if item.starts_on:
            item.starts_on = _shift(item.starts_on, years)
        if item.ends_on:
            item.ends_on = _shift(item.ends_on, years)
        item._state.adding = True
        item.save()
        item.partners.set(partners)
        Indicator.objects.bulk_create(
            [
                Indicator(
                    item=item,
                    order=i.order,
                    kind=i.kind,
                    name=i.name,
                    target=i.target,
                    unit=i.unit,
                    description=i.description,
                    evidence=i.evidence,
                )
                for i in indicators
            ]
        )
    return copy


def _shift_quarter(slug, years):
    year, number = slug.split("-Q")
    return f"{int(year) + years}-Q{number}"


def _shift_month(slug, years):
    year, month = slug.split("-")
    return f"{int(year) + years}-{month}"


def report_numbers(plan, period):
    """The period's activities and participants, in total and per community (aggregates),
    over every version of the plan: only activities held inside the period count."""
    activities = Activity.objects.filter(
        item__plan__in=family(plan), held_on__gte=period.start, held_on__lte=period.end
    )
    per_community = list(
        activities.values("item__community__name")
        .annotate(activities=Count("pk"), participants=Sum("participants"))
        .order_by("item__community__name")
    )
    volunteers = list(volunteer_hours(plan, period.start, period.end))
    return {
        # Volunteers are counted, not named: the report leaves the centre.
        "volunteers": len(volunteers),
        "volunteer_hours": str(sum((v.hours for v in volunteers), Decimal(0))),
        "activities": sum(row["activities"] for row in per_community),
        "participants": sum(row["participants"] or 0 for row in per_community),
        "communities": [
            {
                "name": row["item__community__name"] or _("cała gmina"),
                "activities": row["activities"],
                "participants": row["participants"] or 0,
            }
            for row in per_community
        ],
    }


def family(plan):
    """The pks of every version of ``plan`` (back through ``previous``, forward through the
    updates), read in one query."""
    previous = dict(OslPlan.objects.values_list("pk", "previous_id"))
    root = plan.pk
    while previous.get(root):
        root = previous[root]
    members, frontier = {root}, {root}
    while frontier:
        frontier = {pk for pk, parent in previous.items() if parent in frontier} - members
        members |= frontier
    return sorted(members)


class ReportExists(Exception):
    """A current report of the plan (any version) already covers part of the period."""

    def __init__(self, report):
        super().__init__(str(report))
        self.report = report


@transaction.atomic
def generate_report(plan, period, narrative, user, replaces=None):
    """The report on ``period`` with its numbers and frozen PDF. One current report per
    period across the plan's versions: another one overlapping it raises ReportExists,
    unless it is the report this corrected version ``replaces`` (kept, marked replaced)."""
    versions = family(plan)
    # Locks every version's row: two organizers reporting the same period at once would
    # both see no report and store two.
    list(OslPlan.objects.select_for_update().filter(pk__in=versions).values_list("pk"))
    for other in AnnualReport.objects.current().filter(
        plan__in=versions, period_start__lte=period.end, period_end__gte=period.start
    ):
        if replaces is None or other.pk != replaces.pk:
            raise ReportExists(other)
    report = AnnualReport(
        plan=plan,
        period_start=period.start,
        period_end=period.end,
        narrative=narrative,
        revision=replaces.revision + 1 if replaces else 1,
    )
    report.numbers = report_numbers(plan, period)
    report.stamp(user)
    report.save()
    if replaces:
        replaces.replaced_by = report
        replaces.save(update_fields=["replaced_by"])
    items = item_progress(plan, period=period)
    # What changed in activities an earlier report counted: since the report this version
    # corrects, or since the last report before this period.
    earlier = replaces or (
        AnnualReport.objects.current()
        .filter(plan__in=versions, period_end__lt=period.start)
        .order_by("-period_end", "-pk")
        .first()
    )
    pdf = render_pdf(
        "pdf/osl_report.html",
        {
            "report": report,
            "plan": plan,
            "items": items,
            "numbers": report.numbers,
            "corrections": list(corrections_since(earlier)) if earlier else [],
            "earlier": earlier,
        },
    )
    report.document = StoredDocument.store(
        pdf, kind=DocumentKind.FROZEN, title=str(report), user=user
    )
    report.save(update_fields=["document"])
    return report


def upcoming_items(today, days=30):
    """Scheduled items of adopted plans with a date or a start in the coming ``days``."""
    from datetime import timedelta

    until = today + timedelta(days=days)
    return ScheduleItem.objects.filter(
        # Any of the row's timing forms is a date or a range (JSON list membership).
        Q(timing_kinds__contains=[TimingKind.DATE]) | Q(timing_kinds__contains=[TimingKind.RANGE]),
        plan__status=PlanStatus.ADOPTED,
        starts_on__gte=today,
        starts_on__lte=until,
    ).select_related("plan", "community")
