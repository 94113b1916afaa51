"""The OUS's numbers: the quarterly IPUS review, the programme indicators and what is due.

Every number is an aggregate query (conditional counts and sums grouped in SQL),
so the pages cost the same few queries with ten or ten thousand plans.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cus import law, reports, roles
from cus.access import Shown
from cus.dates import HalfYear, Quarter, add_months
from cus.todo import Due
from ipus.choices import DecisionStatus, PlanStatus, VersionStatus
from ipus.home import DUE_HORIZON_DAYS, contacts_due, coordinator_plans, pending_plans
from ipus.models import (
    Delivery,
    HalfYearSummary,
    MeetingAction,
    MonitoringContact,
    Person,
    Plan,
    PlanItem,
    PlanVersion,
    RefusalDecision,
    ReviewMeeting,
)
from ipus.models.plans import granted_expression

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


def plan_counts(quarter, today=None):
    """Per coordinator, every plan count of the review in ONE grouped query.

    Monitoring contacts and annexes are EXISTS subqueries, not joins, so no row is
    counted twice and no DISTINCT is needed.
    """
    today = today or timezone.localdate()
    contacted = Exists(
        MonitoringContact.objects.filter(
            plan=OuterRef("pk"), contacted_on__gte=quarter.start, contacted_on__lte=quarter.end
        )
    )
    annexed = Exists(
        PlanVersion.objects.filter(
            plan=OuterRef("pk"),
            number__gt=0,
            approved_at__gte=quarter.start_at,
            approved_at__lt=quarter.end_at,
        )
    )
    ended_in = Q(ended_on__gte=quarter.start, ended_on__lte=quarter.end)
    in_quarter = MonitoringContact.objects.filter(
        plan=OuterRef("pk"), contacted_on__gte=quarter.start, contacted_on__lte=quarter.end
    ).values("plan")

    def per_plan(aggregate):
        return Subquery(in_quarter.annotate(value=aggregate).values("value"))

    return list(
        Plan.objects.values("coordinator", "coordinator__first_name", "coordinator__last_name")
        .annotate(
            requested=Count("pk", filter=requested_in(quarter)),
            approved=Count("pk", filter=approved_in(quarter)),
            approved_in_time=Count(
                "pk", filter=approved_in(quarter) & Q(approved_on__lte=F("approval_deadline"))
            ),
            breaches=Count("pk", filter=breached_by(quarter, today)),
            active=Count("pk", filter=active_in(quarter)),
            contacted=Count("pk", filter=active_in(quarter) & Q(contacted)),
            closed=Count("pk", filter=Q(status=PlanStatus.CLOSED) & ended_in),
            terminated=Count("pk", filter=Q(status=PlanStatus.TERMINATED) & ended_in),
            annexed=Count("pk", filter=Q(annexed)),
            # Satisfaction and problems of the quarter's contacts, summed plan by plan.
            satisfaction_sum=Sum(per_plan(Sum("satisfaction"))),
            rated=Sum(per_plan(Count("satisfaction"))),
            problems=Sum(per_plan(Count("pk", filter=Q(problem=True)))),
        )
        .order_by("coordinator__last_name", "coordinator__first_name", "coordinator")
    )


COUNTS = (
    "requested",
    "approved",
    "approved_in_time",
    "breaches",
    "active",
    "contacted",
    "closed",
    "terminated",
    "annexed",
)


def quarter_numbers(quarter, today=None, counts=None):
    """The review's totals: the coordinators' counts summed (satisfaction included)."""
    counts = plan_counts(quarter, today) if counts is None else counts
    totals = {key: sum(row[key] for row in counts) for key in COUNTS}
    totals["in_time_share"] = _share(totals["approved_in_time"], totals["approved"])
    totals["monitoring_share"] = _share(totals["contacted"], totals["active"])
    rated = sum(row["rated"] or 0 for row in counts)
    total = sum(row["satisfaction_sum"] or 0 for row in counts)
    totals["satisfaction"] = round(Decimal(total) / rated, 2) if rated else None
    totals["rated"], totals["problems"] = rated, sum(row["problems"] or 0 for row in counts)
    return totals


def units(quarter, fields=("service", "provider")):
    """Units granted (whole units of the quarter's months) and used, per service and per provider.

    Granted: one query per field (persons are distinct per group, so they cannot be
    summed across groups); used: one query grouped by service and provider, summed here.
    """
    nobody = _("(bez realizatora)")
    rows = {field: {} for field in fields}
    for field in fields:
        granted = (
            PlanItem.objects.granted_history()
            .overlapping(quarter.start, quarter.end)
            .granted_in(quarter.start, quarter.end)
            .values(f"{field}__name")
            .annotate(total=Sum("granted_in_period"), persons=Count("version__plan", distinct=True))
            .order_by()
        )
        for row in granted:
            name = row[f"{field}__name"] or nobody
            rows[field][name] = {
                "name": name,
                "granted": row["total"].quantize(Decimal("0.01")),
                "used": Decimal(0),
                "persons": row["persons"],
            }
    used = (
        Delivery.objects.filter(month__gte=quarter.start, month__lte=quarter.end)
        .values(*(f"line__{field}__name" for field in fields))
        .annotate(total=Sum("units"))
        .order_by()
    )
    for row in used:
        for field in fields:
            name = row[f"line__{field}__name"] or nobody
            entry = rows[field].setdefault(
                name, {"name": name, "granted": Decimal(0), "used": Decimal(0), "persons": 0}
            )
            entry["used"] += row["total"]
    return {
        field: sorted(by_name.values(), key=lambda row: row["name"])
        for field, by_name in rows.items()
    }


def units_by(quarter, field):
    """Units granted and used per ``field`` ("service" or "provider")."""
    return units(quarter, (field,))[field]


def by_coordinator(quarter, today=None, counts=None):
    """The coordinators with anything requested, approved or active in the quarter."""
    counts = plan_counts(quarter, today) if counts is None else counts
    return [row for row in counts if row["requested"] or row["approved"] or row["active"]]


LISTED = 100  # plans listed by name on the review; the numbers above count them all


def _listed_plans(quarter, today):
    """The plans the review names: approval breaches, active but not contacted in the
    quarter, overdue now — the first LISTED of each, chosen and read in one UNION (the
    page's access-log row costs the query a second read of the plans used to)."""
    contacted = MonitoringContact.objects.filter(
        plan=OuterRef("pk"), contacted_on__gte=quarter.start, contacted_on__lte=quarter.end
    )
    lists = {
        "breaches": Plan.objects.filter(breached_by(quarter, today)).order_by(
            "approval_deadline", "pk"
        ),
        "not_contacted": Plan.objects.filter(active_in(quarter))
        .filter(~Exists(contacted))
        .order_by("next_contact_due", "pk"),
        "overdue_now": Plan.objects.filter(
            status__in=Plan.LIVE_STATUSES, next_contact_due__lt=today
        ).order_by("next_contact_due", "pk"),
    }
    chosen = [
        queryset.select_related("request__person", "coordinator", "current_version").annotate(
            which=Value(name)
        )[:LISTED]
        for name, queryset in lists.items()
    ]
    result = {name: [] for name in lists}
    for plan in chosen[0].union(*chosen[1:], all=True).order_by():
        result[plan.which].append(plan)
    # UNION ALL does not promise to keep each branch's order: sort again here.
    result["breaches"].sort(key=lambda plan: (plan.approval_deadline, plan.pk))
    for name in ("not_contacted", "overdue_now"):
        result[name].sort(key=lambda plan: (plan.next_contact_due or today, plan.pk))
    return result


# The review's parts made of numbers and names (its export): the listed plans, contacts and
# meetings are model instances, which the cache does not keep (cus.reports).
PLAIN_PARTS = ("numbers", "by_service", "by_provider", "coordinators")


def cached_quarter_review(quarter):
    """The review's numbers and names (PLAIN_PARTS), computed once per change of its data
    (cus.reports)."""

    def compute(_slug):
        review = quarter_review(quarter)
        return {part: review[part] for part in PLAIN_PARTS}

    return reports.cached("quarter-review", compute, quarter.slug)


def cached_quarter_review_html(quarter):
    """The review's body as HTML, rendered once per change of its data (cus.reports)."""
    return cached_quarter_review_body(quarter)[0]


def cached_quarter_review_body(quarter):
    """The review's body as HTML, and the plans it shows as access-log records
    (cus.access.Shown), rendered once per change of its data (cus.reports).

    Rendering ~50 KB of tables cost more than computing them once cached (issue 8); the
    body shows nothing that depends on who views it. It names residents, so each view is
    logged from the plans it was drawn from (the page has no instances to log).
    """

    def render(_slug, _language):
        review = quarter_review(quarter)
        html = render_to_string("ipus/includes/_quarter_review_body.html", review)
        return html, _shown_plans(review)

    html, shown = reports.cached("quarter-review-body", render, quarter.slug, get_language())
    # Rendered by our template with autoescaping.
    return mark_safe(html), [Shown(Plan, pk, person_id) for pk, person_id in shown]


def _shown_plans(review):
    """(plan id, person id) of every plan the review shows: by name (breaches, overdue) or
    by number with its case's notes (not contacted, problems, overrides)."""
    plans = [plan for name in ("breaches", "overdue_now", "not_contacted") for plan in review[name]]
    plans += [contact.plan for contact in review["problems"]]
    plans += [item.version.plan for item in review["overrides"]]
    return sorted({(plan.pk, plan.request.person_id) for plan in plans})


def cached_indicators(quarters):
    """The indicators, computed once per change of their data (cus.reports)."""
    slugs = ",".join(q.slug for q in quarters)
    return reports.cached("indicators", lambda _slugs: indicators(quarters), slugs)


def quarter_review(quarter, today=None):
    """Everything the review page shows (the OUS's working view: plans are named)."""
    today = today or timezone.localdate()
    counts = plan_counts(quarter, today)
    by_field = units(quarter)
    return {
        "quarter": quarter,
        "numbers": quarter_numbers(quarter, today, counts),
        **_listed_plans(quarter, today),
        "by_service": by_field["service"],
        "by_provider": by_field["provider"],
        "problems": list(
            MonitoringContact.objects.filter(
                problem=True, contacted_on__gte=quarter.start, contacted_on__lte=quarter.end
            )
            .select_related("plan__request", "problem_service")
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
            .select_related("service", "version__plan__request", "override_by")
        ),
        "coordinators": by_coordinator(quarter, today, counts),
        "meetings": list(
            ReviewMeeting.objects.filter(year=quarter.year, quarter=quarter.number)
            .prefetch_related(Prefetch("actions", MeetingAction.objects.select_related("owner")))
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


def decision_dues(user, today):
    """Refusal decisions: to sign (the director or an authorised employee); for the
    coordinator, the appeal deadline and the day the decision becomes final, until it is.

    One query for both (it runs on every home page): the prepared decisions when the user
    may issue them (the director, or an authorisation covering decisions, whatever its
    dates: issuing checks them and says why not), and the coordinator's delivered ones."""
    from cus.choices import SCOPES_COVERING
    from cus.models import Authorisation

    wanted = Q(pk__in=[])
    if user.has_role(roles.DIRECTOR):
        wanted |= Q(status=DecisionStatus.PREPARED)
    else:
        authorised = Authorisation.objects.filter(
            user=user, scope__in=SCOPES_COVERING[RefusalDecision.ACT]
        )
        wanted |= Q(status=DecisionStatus.PREPARED) & Q(Exists(authorised))
    if user.has_role(roles.KIPUS):
        # A period of N days, moved past weekends and holidays, ends well within N + 14.
        since = today - timedelta(days=law.value("appeal_days") + 14)
        wanted |= Q(
            request__coordinator=user,
            status=DecisionStatus.ISSUED,
            delivered_on__gte=since,
            appeal_filed_on__isnull=True,
        )
    items = []
    for decision in RefusalDecision.objects.filter(wanted).select_related("request"):
        url = decision.request.get_absolute_url()
        if decision.status == DecisionStatus.PREPARED:
            received = timezone.localtime(decision.request.received_at)
            items.append(
                Due(
                    f"decision-sign-{decision.pk}",
                    _("Podpisanie decyzji odmownej (wniosek z %(date)s)")
                    % {"date": received.strftime("%d.%m.%Y")},
                    decision.request.deadline,
                    url,
                    "decision",
                    record=decision,
                )
            )
            continue
        if decision.final_on < today:
            continue
        items.append(
            Due(
                f"decision-appeal-{decision.pk}",
                _("Termin na odwołanie od decyzji %(number)s") % {"number": decision.number},
                decision.appeal_deadline,
                url,
                "decision",
                record=decision,
            )
        )
        items.append(
            Due(
                f"decision-final-{decision.pk}",
                _("Decyzja %(number)s ostateczna (bez odwołania)") % {"number": decision.number},
                decision.final_on,
                url,
                "decision",
                record=decision,
            )
        )
    return items


def _received_on(plan):
    """The day the plan's request came in (the date its 30-day deadline counts from)."""
    return f"{timezone.localtime(plan.request.received_at):%d.%m.%Y}"


def due_for(user):
    """Deadlines and to-dos of ``user`` from IPUS work; plan numbers, never names (calendars)."""
    today = timezone.localdate()
    items = []
    if user.has_role(roles.KIPUS):
        plans = coordinator_plans(user, today)
        for plan in pending_plans(plans):
            items.append(
                Due(
                    f"plan-deadline-{plan.pk}",
                    _("Termin zatwierdzenia IPUS (wniosek z %(date)s)")
                    % {"date": _received_on(plan)},
                    plan.approval_deadline,
                    plan.get_absolute_url(),
                    "deadline",
                    record=plan,
                )
            )
        horizon = today + timedelta(days=DUE_HORIZON_DAYS)
        for plan in contacts_due(plans, horizon):
            items.append(
                Due(
                    f"plan-contact-{plan.pk}",
                    _("Kontakt monitorujący %(number)s") % {"number": plan.number},
                    plan.next_contact_due,
                    plan.get_absolute_url(),
                    "monitoring",
                    record=plan,
                )
            )
        for plan in plans:
            if (
                plan.status in Plan.LIVE_STATUSES
                and plan.current_version_id
                and plan.current_version.valid_to <= horizon
            ):
                items.append(
                    Due(
                        f"plan-ends-{plan.pk}",
                        _("Koniec planu %(number)s — rozmowa podsumowująca")
                        % {"number": plan.number},
                        plan.current_version.valid_to,
                        plan.get_absolute_url(),
                        "plan-end",
                        record=plan,
                    )
                )
    if user.has_perm("cus.approve_ipus"):
        for plan in Plan.objects.filter(status=PlanStatus.SUBMITTED).select_related("request"):
            items.append(
                Due(
                    f"plan-approve-{plan.pk}",
                    # A draft has no number yet; its id is no number to show anyone.
                    _("Zatwierdzenie IPUS (wniosek z %(date)s)") % {"date": _received_on(plan)},
                    plan.approval_deadline,
                    plan.current_version.get_absolute_url() if plan.current_version_id else "",
                    "approval",
                    record=plan,
                )
            )
    if user.has_role(roles.OUS):
        last_meeting = ReviewMeeting.objects.order_by("-held_on").first()
        meeting_due = (
            add_months(last_meeting.held_on, law.value("meeting_every_months"))
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
            summary_due = add_months(last_summary.period.end, law.value("summary_every_months"))
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
    items.extend(decision_dues(user, today))
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
