"""What OSL puts on people's to-do lists and calendars, and the volunteers indicator for the OUS."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cus import roles
from cus.todo import Due
from osl.choices import PlanStatus
from osl.models import AnnualReport, OslPlan, VolunteerHours
from osl.workflows import upcoming_items


def due_for(user):
    if not (user.has_role(roles.OSL) or user.has_role(roles.ANIMATOR)):
        return []
    today = timezone.localdate()
    items = []
    if user.has_role(roles.OSL):
        reported = set(AnnualReport.objects.values_list("plan", "year"))
        for plan in OslPlan.objects.filter(status__in=(PlanStatus.ADOPTED, PlanStatus.COMPLETED)):
            for year in plan.report_years:
                deadline = plan.report_deadline(year)
                if (
                    (plan.pk, year) in reported
                    or year >= today.year
                    or deadline < today - timedelta(days=365)
                ):
                    continue
                items.append(
                    Due(
                        f"osl-report-{plan.pk}-{year}",
                        _("Sprawozdanie z realizacji planu OSL za %(year)d") % {"year": year},
                        deadline,
                        plan.get_absolute_url(),
                        "osl-report",
                    )
                )
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
