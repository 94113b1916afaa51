"""What OSL puts on people's to-do lists and calendars, and the volunteers indicator for the OUS."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cus import roles
from cus.todo import Due
from osl.choices import PlanStatus
from osl.models import AnnualReport, OslPlan, ReportPeriod, VolunteerHours
from osl.workflows import upcoming_items


def due_for(user):
    if not (user.has_role(roles.OSL) or user.has_role(roles.ANIMATOR)):
        return []
    today = timezone.localdate()
    items = []
    if user.has_role(roles.OSL):
        items += _reports_due(today)
    for item in upcoming_items(today):
        items.append(
            Due(
                f"osl-item-{item.pk}",
                _("OSL: %(task)s") % {"task": item.task[:80]},
                item.starts_on,
                reverse("osl:item-detail", args=[item.pk]),
                "osl-activity",
            )
        )
    return items


def _reports_due(today):
    """Each ended plan year of an adopted plan without a current report, once per plan
    (every version of a plan shares its reports), due CUS_OSL_REPORT_DUE_MONTHS after the
    year's end; a year whose deadline passed more than a year ago is dropped."""
    versions = list(OslPlan.objects.exclude(status=PlanStatus.DRAFT).order_by("version_number"))
    parent = dict(OslPlan.objects.values_list("pk", "previous_id"))

    def root(pk):
        while parent.get(pk):
            pk = parent[pk]
        return pk

    reported = [
        (root(plan_id), ReportPeriod(start, end))
        for plan_id, start, end in AnnualReport.objects.current().values_list(
            "plan", "period_start", "period_end"
        )
    ]
    due, seen = [], set()
    for plan in reversed(versions):  # the newest version of a plan names the to-do
        for period in plan.report_periods:
            key = (root(plan.pk), period)
            if (
                key in seen
                or period.end >= today
                or period.deadline < today - timedelta(days=365)
                or any(r == key[0] and p.overlaps(period) for r, p in reported)
            ):
                continue
            seen.add(key)
            due.append(
                Due(
                    # A calendar year keeps the uid it always had (calendars subscribed to it).
                    f"osl-report-{plan.pk}-"
                    + (period.label if period.is_calendar_year else f"{period.start:%Y%m%d}"),
                    _("Sprawozdanie z realizacji planu OSL za %(period)s") % {"period": period},
                    period.deadline,
                    plan.get_absolute_url(),
                    "osl-report",
                )
            )
    return due


def volunteers_per_quarter(quarters):
    """Distinct volunteers who supported activities in each quarter (for the OUS's indicators)."""
    return VolunteerHours.objects.aggregate(
        **{
            q.slug: Count(
                "volunteer",
                distinct=True,
                filter=Q(activity__held_on__gte=q.start, activity__held_on__lte=q.end),
            )
            for q in quarters
        }
    )
