"""The OUS's numbers: the quarterly IPUS review, the programme indicators and what is due.

Every number is an aggregate query (conditional counts and sums grouped in SQL),
so the pages cost the same few queries with ten or ten thousand plans.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, F, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cus import roles
from cus.todo import Due
from ipus.choices import PlanStatus, VersionStatus
from ipus.models import (
    Delivery,
    HalfYearSummary,
    MeetingAction,
    MonitoringContact,
    Person,
    Plan,
    PlanItem,
    PlanVersion,
    ReviewMeeting,
    add_months,
)
from ipus.models.plans import granted_expression
from ipus.quarters import HalfYear, Quarter

STARTED = (PlanStatus.SIGNED, PlanStatus.ACTIVE, PlanStatus.CLOSED, PlanStatus.TERMINATED)


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def requested_in(quarter):
    return Q(request__received_at__gte=quarter.start_at, request__received_at__lt=quarter.end_at)


def approved_in(quarter):
    return Q(approved_on__gte=quarter.start, approved_on__lte=quarter.end)


def active_in(quarter, prefix=""):
    """Plans in force at some point of the quarter (signed and not ended before it)."""
    return Q(
        **{
            f"{prefix}status__in": STARTED,
            f"{prefix}current_version__valid_from__lte": quarter.end,
            f"{prefix}current_version__valid_to__gte": quarter.start,
        }
    ) & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": quarter.start}))


def contacted_in(quarter):
    return Q(contacts__contacted_on__gte=quarter.start, contacts__contacted_on__lte=quarter.end)


def breached_by(quarter, today):
    """Approved late in the quarter, or whose deadline fell in it (up to today) unapproved."""
    last = min(quarter.end, today - timedelta(days=1))
    late = approved_in(quarter) & Q(approved_on__gt=F("approval_deadline"))
    missed = Q(
        approved_on__isnull=True,
        approval_deadline__gte=quarter.start,
        approval_deadline__lte=last,
    ) | Q(
        approved_on__gt=F("approval_deadline"),
        approval_deadline__gte=quarter.start,
        approval_deadline__lte=quarter.end,
    )
    return late | missed


def quarter_numbers(quarter, today=None):
    """The counts of the review (one aggregate query over plans, one over versions)."""
    today = today or timezone.localdate()
    totals = Plan.objects.aggregate(
        requested=Count("pk", filter=requested_in(quarter)),
        approved=Count("pk", filter=approved_in(quarter)),
        approved_in_time=Count(
            "pk", filter=approved_in(quarter) & Q(approved_on__lte=F("approval_deadline"))
        ),
        breaches=Count("pk", filter=breached_by(quarter, today)),
        active=Count("pk", filter=active_in(quarter)),
        closed=Count(
            "pk",
            filter=Q(
                status=PlanStatus.CLOSED, ended_on__gte=quarter.start, ended_on__lte=quarter.end
            ),
        ),
        terminated=Count(
            "pk",
            filter=Q(
                status=PlanStatus.TERMINATED,
                ended_on__gte=quarter.start,
                ended_on__lte=quarter.end,
            ),
        ),
    )
    totals["contacted"] = (
        Plan.objects.filter(active_in(quarter) & contacted_in(quarter)).distinct().count()
    )
    totals["annexed"] = PlanVersion.objects.filter(
        number__gt=0, approved_at__gte=quarter.start_at, approved_at__lt=quarter.end_at
    ).aggregate(n=Count("plan", distinct=True))["n"]
    totals["in_time_share"] = _share(totals["approved_in_time"], totals["approved"])
    totals["monitoring_share"] = _share(totals["contacted"], totals["active"])
    satisfaction = MonitoringContact.objects.filter(
        contacted_on__gte=quarter.start, contacted_on__lte=quarter.end
    ).aggregate(
        average=Avg("satisfaction"),
        rated=Count("satisfaction"),
        problems=Count("pk", filter=Q(problem=True)),
    )
    totals["satisfaction"] = (
        round(Decimal(satisfaction["average"]), 2) if satisfaction["average"] else None
    )
    totals["rated"], totals["problems"] = satisfaction["rated"], satisfaction["problems"]
    return totals


def units_by(quarter, field):
    """Units granted (prorated to the quarter) and used, per ``field`` ("service" or "provider")."""
    granted = (
        PlanItem.objects.granted_history()
        .overlapping(quarter.start, quarter.end)
        .granted_in(quarter.start, quarter.end)
        .values(f"{field}__name")
        .annotate(total=Sum("granted_in_period"), persons=Count("version__plan", distinct=True))
    )
    used = (
        Delivery.objects.filter(month__gte=quarter.start, month__lte=quarter.end)
        .values(f"line__{field}__name")
        .annotate(total=Sum("units"))
    )
    rows = {}
    for row in granted:
        name = row[f"{field}__name"] or _("(bez realizatora)")
        rows[name] = {
            "name": name,
            "granted": row["total"].quantize(Decimal("0.01")),
            "used": Decimal(0),
            "persons": row["persons"],
        }
    for row in used:
        name = row[f"line__{field}__name"] or _("(bez realizatora)")
        entry = rows.setdefault(
            name, {"name": name, "granted": Decimal(0), "used": Decimal(0), "persons": 0}
        )
        entry["used"] = row["total"]
    return sorted(rows.values(), key=lambda row: row["name"])


def by_coordinator(quarter, today=None):
    today = today or timezone.localdate()
    return list(
        Plan.objects.values("coordinator", "coordinator__first_name", "coordinator__last_name")
        .annotate(
            requested=Count("pk", distinct=True, filter=requested_in(quarter)),
            approved=Count("pk", distinct=True, filter=approved_in(quarter)),
            breaches=Count("pk", distinct=True, filter=breached_by(quarter, today)),
            active=Count("pk", distinct=True, filter=active_in(quarter)),
            contacted=Count("pk", distinct=True, filter=active_in(quarter) & contacted_in(quarter)),
        )
        .filter(Q(requested__gt=0) | Q(approved__gt=0) | Q(active__gt=0))
        .order_by("coordinator__last_name", "coordinator__first_name")
    )


def quarter_review(quarter, today=None):
    """Everything the review page shows (the OUS's working view: plans are named)."""
    today = today or timezone.localdate()
    base = Plan.objects.select_related("request__person", "coordinator", "current_version")
    return {
        "quarter": quarter,
        "numbers": quarter_numbers(quarter, today),
        "breaches": list(base.filter(breached_by(quarter, today)).order_by("approval_deadline")),
        "not_contacted": list(
            base.filter(active_in(quarter))
            .exclude(pk__in=Plan.objects.filter(contacted_in(quarter)).values("pk"))
            .order_by("next_contact_due")[:200]
        ),
        "overdue_now": list(
            base.filter(status__in=Plan.LIVE_STATUSES, next_contact_due__lt=today).order_by(
                "next_contact_due"
            )[:200]
        ),
        "by_service": units_by(quarter, "service"),
        "by_provider": units_by(quarter, "provider"),
        "problems": list(
            MonitoringContact.objects.filter(
                problem=True, contacted_on__gte=quarter.start, contacted_on__lte=quarter.end
            )
            .select_related("plan", "problem_service")
            .order_by("contacted_on")
        ),
        "waiting": list(
            PlanItem.objects.waiting_list()
            .values("service__name")
            .annotate(waiting=Count("pk"), oldest=Min("version__plan__request__received_at"))
            .order_by("service__name")
        ),
        "overrides": list(
            PlanItem.objects.exclude(override_reason="")
            .filter(
                version__approved_at__gte=quarter.start_at,
                version__approved_at__lt=quarter.end_at,
            )
            .select_related("service", "version__plan", "override_by")
        ),
        "coordinators": by_coordinator(quarter, today),
        "meetings": list(
            ReviewMeeting.objects.filter(year=quarter.year, quarter=quarter.number)
            .prefetch_related("actions__owner")
            .order_by("held_on")
        ),
    }


# --- Programme indicators -------------------------------------------------------------


def indicators(quarters, today=None):
    """The programme's four indicators and goal measures per quarter (a constant number of queries).

    - new persons: persons who had not used social assistance before and whose
      first plan was approved in the quarter;
    - new services: services first granted (in an approved plan) in the quarter;
    - providers cooperating: distinct providers of services in force in the quarter;
    - volunteers and neighbours: from the OSL volunteer registry (zero until it exists);
    plus the goals' measures: units granted, services in use, monitoring share,
    social-economy providers' share.
    """
    from services.choices import ProviderKind
    from services.models import Provider

    first_plan = (
        Person.objects.filter(
            previous_social_assistance="no", requests__plan__approved_on__isnull=False
        )
        .annotate(first=Min("requests__plan__approved_on"))
        .aggregate(
            **{
                q.slug: Count("pk", filter=Q(first__gte=q.start, first__lte=q.end))
                for q in quarters
            }
        )
    )
    first_service = (
        PlanItem.objects.filter(
            version__status__in=(VersionStatus.APPROVED, VersionStatus.SIGNED), waiting=False
        )
        .values("service")
        .annotate(first=Min("version__approved_at"))
        .aggregate(
            **{
                q.slug: Count("service", filter=Q(first__gte=q.start_at, first__lt=q.end_at))
                for q in quarters
            }
        )
    )
    in_force = PlanItem.objects.granted_history().aggregate(
        **{
            f"{q.slug}-providers": Count(
                "provider",
                distinct=True,
                filter=Q(starts_on__lte=q.end, ends_on__gte=q.start),
            )
            for q in quarters
        },
        **{
            f"{q.slug}-pes": Count(
                "provider",
                distinct=True,
                filter=Q(
                    starts_on__lte=q.end, ends_on__gte=q.start, provider__kind=ProviderKind.PES
                ),
            )
            for q in quarters
        },
        **{
            f"{q.slug}-services": Count(
                "service", distinct=True, filter=Q(starts_on__lte=q.end, ends_on__gte=q.start)
            )
            for q in quarters
        },
    )
    plans = Plan.objects.aggregate(
        **{f"{q.slug}-active": Count("pk", distinct=True, filter=active_in(q)) for q in quarters},
        **{
            f"{q.slug}-contacted": Count("pk", distinct=True, filter=active_in(q) & contacted_in(q))
            for q in quarters
        },
    )
    granted = PlanItem.objects.granted_history().aggregate(
        **{
            f"{q.slug}-granted": Sum(
                granted_expression(q.start, q.end),
                filter=Q(starts_on__lte=q.end, ends_on__gte=q.start),
            )
            for q in quarters
        }
    )
    volunteers = volunteer_counts(quarters)
    network = Provider.objects.active().aggregate(
        total=Count("pk"), pes=Count("pk", filter=Q(kind=ProviderKind.PES))
    )
    rows = []
    for q in quarters:
        units = granted[f"{q.slug}-granted"] or Decimal(0)
        rows.append(
            {
                "quarter": q,
                "new_persons": first_plan[q.slug],
                "new_services": first_service[q.slug],
                "providers": in_force[f"{q.slug}-providers"],
                "volunteers": volunteers.get(q.slug, 0),
                "services_in_use": in_force[f"{q.slug}-services"],
                "units_granted": units.quantize(Decimal("0.01")),
                "monitoring_share": _share(plans[f"{q.slug}-contacted"], plans[f"{q.slug}-active"]),
                "pes_share": _share(in_force[f"{q.slug}-pes"], in_force[f"{q.slug}-providers"]),
            }
        )
    return {"rows": rows, "network": network}


def volunteer_counts(quarters):
    """Volunteers and neighbours supporting services per quarter, from the OSL registry.

    The OSL app has no volunteer registry yet, so this is zero; when it exists it
    registers a counter here.
    """
    counter = VOLUNTEER_COUNTERS[0] if VOLUNTEER_COUNTERS else None
    return counter(quarters) if counter else {}


VOLUNTEER_COUNTERS = []


INDICATOR_COLUMNS = (
    ("new_persons", _("Nowe osoby (wcześniej bez pomocy społecznej)")),
    ("new_services", _("Nowe usługi")),
    ("providers", _("Współpracujący realizatorzy")),
    ("volunteers", _("Wolontariusze i sąsiedzi")),
    ("services_in_use", _("Usługi w realizacji (szersza oferta)")),
    ("units_granted", _("Przyznane jednostki (wolumen)")),
    ("monitoring_share", _("Plany monitorowane w kwartale (%) — jakość")),
    ("pes_share", _("Udział realizatorów ekonomii społecznej (%) — współpraca")),
)


# --- What is due (cus.todo) -----------------------------------------------------------


def due_for(user):
    """Deadlines and to-dos of ``user`` from IPUS work; plan numbers, never names (calendars)."""
    today = timezone.localdate()
    items = []
    if user.has_role(roles.KIPUS):
        mine = Plan.objects.filter(coordinator=user).select_related("current_version")
        for plan in mine.filter(status__in=(PlanStatus.DRAFT, PlanStatus.SUBMITTED)):
            items.append(
                Due(
                    f"plan-deadline-{plan.pk}",
                    _("Termin zatwierdzenia IPUS (wniosek z %(date)s)")
                    % {"date": plan.approval_deadline.strftime("%d.%m")},
                    plan.approval_deadline,
                    plan.get_absolute_url(),
                    "deadline",
                )
            )
        for plan in mine.monitoring_due(today + timedelta(days=30)):
            items.append(
                Due(
                    f"plan-contact-{plan.pk}",
                    _("Kontakt monitorujący %(number)s") % {"number": plan.number},
                    plan.next_contact_due,
                    plan.get_absolute_url(),
                    "monitoring",
                )
            )
        for plan in mine.filter(
            status__in=Plan.LIVE_STATUSES,
            current_version__valid_to__lte=today + timedelta(days=30),
        ):
            items.append(
                Due(
                    f"plan-ends-{plan.pk}",
                    _("Koniec planu %(number)s — rozmowa podsumowująca") % {"number": plan.number},
                    plan.current_version.valid_to,
                    plan.get_absolute_url(),
                    "plan-end",
                )
            )
    if user.has_perm("cus.approve_ipus"):
        for plan in Plan.objects.filter(status=PlanStatus.SUBMITTED):
            items.append(
                Due(
                    f"plan-approve-{plan.pk}",
                    _("Zatwierdzenie IPUS (projekt nr %(pk)d)") % {"pk": plan.pk},
                    plan.approval_deadline,
                    plan.current_version.get_absolute_url() if plan.current_version_id else "",
                    "approval",
                )
            )
    if user.has_role(roles.OUS):
        last_meeting = ReviewMeeting.objects.order_by("-held_on").first()
        meeting_due = (
            add_months(last_meeting.held_on, settings.CUS_MEETING_EVERY_MONTHS)
            if last_meeting
            else Quarter.current().end
        )
        items.append(
            Due(
                f"meeting-{meeting_due.isoformat()}",
                _("Spotkanie z koordynatorami (omówienie realizacji IPUS)"),
                meeting_due,
                reverse("ipus:quarter-review"),
                "meeting",
            )
        )
        last_summary = HalfYearSummary.objects.order_by("-year", "-half").first()
        if last_summary:
            summary_due = add_months(last_summary.period.end, settings.CUS_SUMMARY_EVERY_MONTHS)
        else:
            summary_due = HalfYear.of(today).end
        items.append(
            Due(
                f"summary-{summary_due.isoformat()}",
                _("Podsumowanie realizacji IPUS dla dyrektora i OSL"),
                summary_due,
                reverse("ipus:summary-list"),
                "summary",
            )
        )
    for action in MeetingAction.objects.open().filter(owner=user):
        items.append(
            Due(
                f"action-{action.pk}",
                _("Działanie: %(what)s") % {"what": action.description[:80]},
                action.due_on,
                reverse("ipus:meeting-detail", args=[action.meeting_id]),
                "action",
            )
        )
    return items
