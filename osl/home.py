"""The OSL sections of the start page and the adoption entries of the to-do list: the director's
plans to adopt, the OSL organizer's plans in work (returned ones with the director's comments).
OslConfig.ready registers them with cus.home and cus.todo."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cus import roles
from cus.todo import Due
from osl.choices import PlanStatus
from osl.models import OslPlan


def plans_to_adopt():
    return list(
        OslPlan.objects.filter(status=PlanStatus.SUBMITTED).order_by("period_start", "pk")[:20]
    )


def plans_in_work():
    """Drafts and submitted versions, their transitions read in one more query (for
    ``OslPlan.returned_with``)."""
    return list(
        OslPlan.objects.filter(status__in=(PlanStatus.DRAFT, PlanStatus.SUBMITTED))
        .prefetch_related("transitions")
        .order_by("period_start", "pk")[:20]
    )


def director_home(user):
    return {"osl_plans_to_adopt": plans_to_adopt()}


def organizer_home(user):
    return {"osl_plans_in_work": plans_in_work()}


def adoption_dues(user):
    """A submitted plan is the director's to adopt, by the day its period begins (or now);
    a returned draft is the organizer's to correct."""
    today = timezone.localdate()
    items = []
    if user.has_role(roles.DIRECTOR):
        for plan in plans_to_adopt():
            items.append(
                Due(
                    f"osl-adopt-{plan.pk}",
                    _("Przyjęcie planu OSL: %(title)s") % {"title": plan.title},
                    max(plan.period_start, today),
                    plan.get_absolute_url(),
                    "osl-adopt",
                )
            )
    if user.has_role(roles.OSL):
        for plan in plans_in_work():
            if plan.returned_with:
                items.append(
                    Due(
                        f"osl-returned-{plan.pk}",
                        _("Plan OSL zwrócony do poprawy: %(title)s") % {"title": plan.title},
                        today,
                        plan.get_absolute_url(),
                        "osl-returned",
                    )
                )
    return items


def worklist_section(user):
    """The director's work list shows the OSL plans to adopt beside the IPUS to approve."""
    if not user.has_perm("osl.adopt_oslplan"):
        return None
    return ("osl/includes/_worklist.html", {"plans": plans_to_adopt()})
