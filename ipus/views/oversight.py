"""The OUS's oversight: the quarter's review and its meetings, half-year summaries and the inbox
that delivers them, the programme's indicators.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from cus import law
from cus.access import log_reads
from cus.dates import HalfYear, Quarter
from cus.exports import xlsx_response
from cus.pdf import pdf_response
from ipus.forms import HalfYearSummaryForm, MeetingActionFormSet, ReviewMeetingForm
from ipus.models import HalfYearSummary, InboxMessage, MeetingAction, ReviewMeeting
from ipus.oversight import (
    INDICATOR_COLUMNS,
    cached_indicators,
    cached_quarter_review,
    cached_quarter_review_body,
)
from ipus.workflows import generate_summary, mark_read, record_meeting, summary_numbers


def _quarter_from(request):
    return Quarter.parse(request.GET.get("q"), default=Quarter.current())


def _review_sheets(review):
    numbers = review["numbers"]
    labels = {
        "requested": _("Wnioski z planem (złożone w kwartale)"),
        "approved": _("Zatwierdzone"),
        "approved_in_time": _("Zatwierdzone w terminie %(period)s")
        % {"period": law.period("ipus_approval_days")},
        "in_time_share": _("Udział zatwierdzonych w terminie (%)"),
        "breaches": _("Przekroczenia terminu"),
        "active": _("W realizacji"),
        "annexed": _("Zaktualizowane (aneksy)"),
        "closed": _("Zakończone"),
        "terminated": _("Przerwane"),
        "contacted": _("Monitorowane w kwartale"),
        "monitoring_share": _("Udział monitorowanych (%)"),
        "satisfaction": _("Średnie zadowolenie (1–5)"),
        "problems": _("Zgłoszone problemy"),
    }
    return [
        (_("Zestawienie"), [_("Miara"), _("Wartość")], [(labels[k], numbers[k]) for k in labels]),
        (
            _("Usługi"),
            [_("Usługa"), _("Osoby"), _("Przyznano"), _("Zrealizowano")],
            [(r["name"], r["persons"], r["granted"], r["used"]) for r in review["by_service"]],
        ),
        (
            _("Realizatorzy"),
            [_("Realizator"), _("Osoby"), _("Przyznano"), _("Zrealizowano")],
            [(r["name"], r["persons"], r["granted"], r["used"]) for r in review["by_provider"]],
        ),
        (
            _("Koordynatorzy"),
            [
                _("Koordynator"),
                _("Wnioski"),
                _("Zatwierdzone"),
                _("Przekroczenia"),
                _("W realizacji"),
                _("Monitorowane"),
            ],
            [
                (
                    f"{r['coordinator__first_name']} {r['coordinator__last_name']}",
                    r["requested"],
                    r["approved"],
                    r["breaches"],
                    r["active"],
                    r["contacted"],
                )
                for r in review["coordinators"]
            ],
        ),
    ]


@require_GET
@permission_required("ipus.view_oversight", raise_exception=True)
def quarter_review(request):
    """The quarter's IPUS summary the OUS reviews with the coordinators, and its meetings."""
    quarter = _quarter_from(request)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"ipus-{quarter.slug}", _review_sheets(cached_quarter_review(quarter)))
    body, shown = cached_quarter_review_body(quarter)
    log_reads(request, shown)  # the body names residents' plans
    return render(
        request,
        "ipus/quarter_review.html",
        {
            "quarter": quarter,
            "body": body,
            "previous": quarter.previous(),
            "next": quarter.next() if quarter < Quarter.current() else None,
        },
    )


@permission_required("ipus.add_reviewmeeting", raise_exception=True)
def meeting_create(request):
    quarter = _quarter_from(request)
    form = ReviewMeetingForm(request.POST or None)
    actions = MeetingActionFormSet(request.POST or None, prefix="actions")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        meeting = record_meeting(quarter, form, actions, request.user)
        messages.success(request, _("Zapisano spotkanie i działania."))
        return redirect(meeting)
    return render(
        request,
        "ipus/meeting_form.html",
        {"form": form, "actions": actions, "quarter": quarter},
    )


class MeetingDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "ipus.view_reviewmeeting"
    template_name = "ipus/meeting_detail.html"
    queryset = ReviewMeeting.objects.prefetch_related(
        "coordinators", "invited_providers", "actions__owner"
    ).select_related("created_by")


@require_POST
@login_required
def action_done(request, pk):
    """The OUS or the action's owner marks it done."""
    queryset = MeetingAction.objects.open()
    if not request.user.has_perm("ipus.change_meetingaction"):
        queryset = queryset.filter(owner=request.user)
    action = get_object_or_404(queryset, pk=pk)
    MeetingAction.objects.filter(pk=action.pk, done_on__isnull=True).update(
        done_on=timezone.localdate()
    )
    messages.success(request, _("Oznaczono jako wykonane: %(what)s.") % {"what": action})
    return redirect("ipus:meeting-detail", pk=action.meeting_id)


class SummaryListView(PermissionRequiredMixin, ListView):
    permission_required = "ipus.view_halfyearsummary"
    template_name = "ipus/summary_list.html"
    paginate_by = 20
    queryset = (
        HalfYearSummary.objects.select_related("created_by")
        .annotate(
            recipients=Count("deliveries"),
            read=Count("deliveries", filter=Q(deliveries__read_at__isnull=False)),
        )
        .order_by("-year", "-half", "-pk")
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(half=HalfYear.of(timezone.localdate()), **kwargs)


@permission_required("ipus.add_halfyearsummary", raise_exception=True)
def summary_create(request):
    half = HalfYear.parse(request.GET.get("h"), default=HalfYear.of(timezone.localdate()))
    form = HalfYearSummaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        summary = generate_summary(half, form, request.user)
        messages.success(
            request,
            _("Wygenerowano podsumowanie i wysłano je do dyrektora oraz organizatora OSL."),
        )
        return redirect(summary)
    return render(
        request,
        "ipus/summary_form.html",
        {
            "form": form,
            "half": half,
            "numbers": summary_numbers(half),
            "previous": half.previous(),
        },
    )


class SummaryDetailView(PermissionRequiredMixin, DetailView):
    """The summary (aggregates only) with its delivery receipts; opening it as a recipient reads it."""

    permission_required = "ipus.view_halfyearsummary"
    template_name = "ipus/summary_detail.html"
    queryset = HalfYearSummary.objects.select_related("document", "created_by")

    def get_context_data(self, **kwargs):
        summary = self.object
        own = InboxMessage.objects.filter(summary=summary, recipient=self.request.user).first()
        if own:
            mark_read(own)
        return super().get_context_data(
            deliveries=list(
                summary.deliveries.select_related("recipient").order_by("recipient__last_name")
            ),
            **kwargs,
        )


@require_GET
@permission_required("ipus.view_halfyearsummary", raise_exception=True)
def summary_pdf(request, pk):
    summary = get_object_or_404(HalfYearSummary.objects.select_related("document"), pk=pk)
    if summary.document is None:
        raise Http404
    own = InboxMessage.objects.filter(summary=summary, recipient=request.user).first()
    if own:
        mark_read(own)
    return pdf_response(summary.document.read(), f"podsumowanie-ipus-{summary.period.slug}")


class InboxView(ListView):
    """Documents delivered to the user (half-year summaries), unread first."""

    template_name = "ipus/inbox.html"
    paginate_by = 30

    def get_queryset(self):
        return (
            InboxMessage.objects.filter(recipient=self.request.user)
            .select_related("summary")
            .order_by(F("read_at").asc(nulls_first=True), "-sent_at")
        )


@require_GET
@login_required
def inbox_detail(request, pk):
    message = get_object_or_404(InboxMessage, pk=pk, recipient=request.user)
    mark_read(message)
    return redirect(message.summary)


@require_GET
@permission_required("ipus.view_indicators", raise_exception=True)
def indicators_view(request):
    """The programme's indicators per quarter and as a trend (the last eight quarters)."""
    last = _quarter_from(request)
    quarters = last.last(8)
    data = cached_indicators(quarters)
    columns = INDICATOR_COLUMNS
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"wskazniki-{last.slug}",
            [
                (
                    _("Wskaźniki"),
                    [_("Kwartał")] + [str(label) for _key, label in columns],
                    [
                        [row["quarter"].label]
                        + [row[key] if row[key] is not None else "" for key, _l in columns]
                        for row in data["rows"]
                    ],
                )
            ],
        )
    charts = []
    for key, label in columns:
        values = [(row["quarter"].short_label, row[key] or 0) for row in data["rows"]]
        top = max((float(value) for _q, value in values), default=0) or 1
        charts.append(
            {
                "key": key,
                "label": label,
                "bars": [
                    {
                        "label": q,
                        "value": value,
                        "height": round(100 * float(value) / top, 1),
                        "x": 10 + i * 40,
                    }
                    for i, (q, value) in enumerate(values)
                ],
            }
        )
    return render(
        request,
        "ipus/indicators.html",
        {
            "rows": data["rows"],
            "network": data["network"],
            "charts": charts,
            "last": last,
            "columns": columns,
        },
    )
