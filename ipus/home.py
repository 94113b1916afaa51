"""The IPUS sections of the start page: a coordinator's requests and plans, the director's
approvals. IpusConfig.ready registers them with cus.home; the to-do list
(ipus.oversight.due_for) reads the same coordinator_plans.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from ipus.choices import PlanStatus
from ipus.models import Plan, Request

DUE_HORIZON_DAYS = 30  # the to-do list looks this far ahead; the start page 14 days


def kipus_home(user):
    """The coordinator's open requests by urgency (overdue first), with days left."""
    requests = list(Request.objects.open().filter(coordinator=user).for_table().by_urgency()[:20])
    return {"my_open_requests": Request.mark_deadlines(requests)}


def coordinator_plans(user, today):
    """The coordinator's plans that are being prepared, due for contact or ending soon.

    One query feeds both the start page (kipus_plan_home) and the to-do list
    (ipus.oversight.due_for), which used to run five; kept on the user object for the
    rest of the request.
    """
    memo = user.__dict__.setdefault("_coordinator_plans", {})
    if today not in memo:
        horizon = today + timedelta(days=DUE_HORIZON_DAYS)
        memo[today] = list(
            Plan.objects.filter(coordinator=user)
            .filter(
                Q(status__in=(PlanStatus.DRAFT, PlanStatus.SUBMITTED))
                | Q(status__in=Plan.LIVE_STATUSES, next_contact_due__lte=horizon)
                | Q(status__in=Plan.LIVE_STATUSES, current_version__valid_to__lte=horizon)
            )
            .for_table()
            .order_by("pk")
        )
    return memo[today]


def pending_plans(plans):
    """Drafts and submitted plans, oldest request first (the 30-day clock)."""
    pending = [p for p in plans if p.status in (PlanStatus.DRAFT, PlanStatus.SUBMITTED)]
    return sorted(pending, key=lambda plan: (plan.request.received_at, plan.pk))


def contacts_due(plans, until):
    """Signed and active plans whose next monitoring contact falls by ``until``."""
    due = [
        plan
        for plan in plans
        if plan.status in Plan.LIVE_STATUSES
        and plan.next_contact_due
        and plan.next_contact_due <= until
    ]
    return sorted(due, key=lambda plan: (plan.next_contact_due, plan.pk))


def kipus_plan_home(user):
    """The coordinator's plans in preparation (30-day clock) and monitoring due within 14 days."""
    today = timezone.localdate()
    plans = coordinator_plans(user, today)
    pending = pending_plans(plans)[:20]
    for plan in pending:
        plan.deadline_status = plan.deadline_state(today)
    due = contacts_due(plans, today + timedelta(days=14))[:20]
    for plan in due:
        plan.contact_overdue = plan.next_contact_due < today
    return {"my_pending_plans": pending, "my_monitoring_due": due}


def director_home(user):
    """Plans and annexes awaiting the director's approval, and approved ones awaiting signatures."""
    return {
        "plans_awaiting_approval": list(Plan.objects.awaiting_approval().for_list()[:10]),
        "plans_awaiting_signature": list(Plan.objects.awaiting_signature().for_list()[:10]),
    }
