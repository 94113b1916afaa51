"""Requests: filing, the urgency list, the record and its outcomes (hand-off, information,
withdrawal, refusal decision).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, ListView

from cus import roles
from cus.access import AccessLogMixin, log_access
from cus.choices import AccessAction
from cus.documents import document_response, gone
from cus.models import SignerNotAuthorised, StaleObjectError
from cus.pages import DetailFormsMixin
from cus.pdf import pdf_response
from cus.versioning import version_conflict
from cus.views import PagedListMixin
from ipus.choices import DecisionStatus, RequestStatus
from ipus.forms import (
    HandOffForm,
    InformationForm,
    RefusalFollowUpForm,
    RefusalForm,
    RequestForm,
    WithdrawForm,
)
from ipus.models import InvalidTransition, NeedsAssessment, Person, Plan, RefusalDecision, Request
from ipus.pdf import refusal_pdf_bytes
from ipus.workflows import (
    close_request,
    issue_refusal,
    prepare_refusal,
    record_refusal_delivery,
    refusal_for,
)

OUTCOMES = {
    # url part: (form class, resulting status, success message)
    "handoff": (HandOffForm, RequestStatus.HANDED_OFF, _("Wniosek przekazano za zgodą osoby.")),
    "information": (
        InformationForm,
        RequestStatus.INFORMATION,
        _("Odnotowano udzielenie informacji."),
    ),
    "withdraw": (WithdrawForm, RequestStatus.WITHDRAWN, _("Wniosek wycofano.")),
}


class RequestCreateView(PermissionRequiredMixin, AccessLogMixin, CreateView):
    """A request of a person found by the search; the 30-day clock starts at its filing."""

    permission_required = "ipus.add_request"
    model = Request
    form_class = RequestForm
    template_name = "ipus/request_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(Person, pk=kwargs["person_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = {"received_at": timezone.localtime().replace(second=0, microsecond=0)}
        if self.request.user.has_role(roles.KIPUS):
            initial["coordinator"] = self.request.user
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

    def get_logged_object(self):
        return self.person

    def form_valid(self, form):
        form.instance.person = self.person
        form.instance.stamp(self.request.user)
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Przyjęto wniosek. Termin na zatwierdzenie IPUS: %(date)s.")
            % {"date": self.object.deadline.strftime("%d.%m.%Y")},
        )
        return response


class RequestListView(PermissionRequiredMixin, AccessLogMixin, PagedListMixin, ListView):
    """Requests by urgency; open ones by default, the user's own first for a KIPUS. The
    page's rows (whose names it shows) are written to the access log."""

    permission_required = "ipus.view_request"
    template_name = "ipus/request_list.html"

    def get_queryset(self):
        queryset = Request.objects.for_table()
        scope = self.request.GET.get("scope", "open")
        if scope != "all":
            queryset = queryset.open().by_urgency()
        if self.request.GET.get("mine"):
            queryset = queryset.filter(coordinator=self.request.user)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        Request.mark_deadlines(context["object_list"])
        return context


class RequestDetailView(PermissionRequiredMixin, AccessLogMixin, DetailFormsMixin, DetailView):
    permission_required = "ipus.view_request"
    template_name = "ipus/request_detail.html"
    queryset = Request.objects.for_list().prefetch_related("requested_services", "transitions__by")

    def get_context_data(self, **kwargs):
        request_obj = self.object
        context = {
            "refusal": refusal_for(request_obj),
            "assessment": NeedsAssessment.objects.filter(request=request_obj).first(),
            "plan": Plan.objects.filter(request=request_obj).first(),
            "item": Request.mark_deadlines([request_obj])[0],
            "can_change": self.request.user.has_perm("ipus.change_request")
            and Request.objects.editable_by(self.request.user).filter(pk=request_obj.pk).exists(),
        }
        if request_obj.is_open and context["can_change"]:
            context["outcome_forms"] = {
                key: self.page_form(f"{key}_form", form_class, instance=request_obj, prefix=key)
                for key, (form_class, _status, _message) in OUTCOMES.items()
            }
            if not context["refusal"]:
                context["refusal_form"] = self.page_form(
                    "refusal_form", RefusalForm, prefix="refusal"
                )
        refusal = context["refusal"]
        if refusal and not refusal.is_issued:
            context["may_issue"] = RefusalDecision.may_be_issued_by(self.request.user)
        if refusal and refusal.is_issued and context["can_change"]:
            context["followup_form"] = self.page_form(
                "followup_form", RefusalFollowUpForm, instance=context["refusal"], prefix="followup"
            )
        return super().get_context_data(**context, **kwargs)


def _open_request_or_error(request, pk):
    # Only the assigned coordinator (or the OUS) changes a case; others get a 404.
    request_obj = get_object_or_404(Request.objects.editable_by(request.user).for_list(), pk=pk)
    if not request_obj.is_open:
        messages.error(request, _("Ten wniosek jest już zakończony."))
        return request_obj, redirect(request_obj)
    return request_obj, None


@require_POST
@permission_required("ipus.change_request", raise_exception=True)
def request_outcome(request, pk, outcome):
    if outcome not in OUTCOMES:
        raise Http404
    form_class, status, message = OUTCOMES[outcome]
    request_obj, stop = _open_request_or_error(request, pk)
    if stop:
        return stop
    form = form_class(request.POST, instance=request_obj, prefix=outcome)
    if not form.is_valid():
        return RequestDetailView.render_with(
            request, pk, **{f"{outcome}_form": form}, open_outcome=outcome
        )
    close_request(request_obj, form, status, request.user)
    messages.success(request, message)
    return redirect(request_obj)


@require_POST
@permission_required("ipus.add_refusaldecision", raise_exception=True)
def request_refuse(request, pk):
    """The coordinator prepares the decision; the director or an authorised employee issues it."""
    request_obj, stop = _open_request_or_error(request, pk)
    if stop:
        return stop
    if RefusalDecision.objects.filter(request=request_obj).exists():
        messages.error(request, _("Projekt decyzji w tej sprawie już przygotowano."))
        return redirect(request_obj)
    form = RefusalForm(request.POST, prefix="refusal")
    if not form.is_valid():
        return RequestDetailView.render_with(request, pk, refusal_form=form, open_outcome="refusal")
    prepare_refusal(request_obj, form, request.user)
    messages.success(
        request,
        _(
            "Przygotowano projekt decyzji. Podpisuje ją i wydaje dyrektor albo pracownik "
            "upoważniony przez dyrektora (art. 268a KPA)."
        ),
    )
    return redirect(request_obj)


@require_POST
@permission_required("ipus.view_refusaldecision", raise_exception=True)
def refusal_issue(request, pk):
    """The director, or an employee holding an authorisation in force that covers decisions,
    signs and issues the prepared decision; anyone else is told why not."""
    decision = get_object_or_404(RefusalDecision.objects.select_related("request"), request_id=pk)
    if decision.is_issued:
        messages.error(request, _("Ta decyzja została już wydana."))
        return redirect(decision.request)
    try:
        decision = issue_refusal(decision, request.user)
    except SignerNotAuthorised as refusal:
        messages.error(request, str(refusal))
        return redirect(decision.request)
    except InvalidTransition:
        messages.error(
            request, _("Sprawę zakończono w inny sposób: tej decyzji nie można już wydać.")
        )
        return redirect(decision.request)
    messages.success(
        request,
        _("Wydano decyzję %(number)s. Doręcz ją stronie i zapisz doręczenie.")
        % {"number": decision.number},
    )
    return redirect(decision.request)


@require_POST
@permission_required("ipus.change_refusaldecision", raise_exception=True)
def refusal_followup(request, pk):
    request_obj = get_object_or_404(Request.objects.editable_by(request.user), pk=pk)
    decision = get_object_or_404(RefusalDecision, request=request_obj, status=DecisionStatus.ISSUED)
    form = RefusalFollowUpForm(request.POST, request.FILES, instance=decision, prefix="followup")
    if not form.is_valid():
        return RequestDetailView.render_with(request, pk, followup_form=form)
    try:
        record_refusal_delivery(form, form.cleaned_data.get("receipt_file"), request.user)
    except StaleObjectError as stale:
        conflict = version_conflict(request, form, stale)
        return RequestDetailView.render_with(request, pk, followup_form=form, **conflict)
    messages.success(request, _("Zapisano doręczenie i odwołanie."))
    return redirect(request_obj)


@require_GET
@permission_required("ipus.view_refusaldecision", raise_exception=True)
def refusal_pdf(request, pk):
    """The issued decision as frozen; a prepared one as a draft, drawn now (marked PROJEKT)."""
    decision = get_object_or_404(
        RefusalDecision.objects.select_related("document", "request__person"), request_id=pk
    )
    if decision.document is None:
        if decision.is_issued:
            raise Http404
        if decision.request.person.anonymised_at:
            return gone(request, anonymised_at=decision.request.person.anonymised_at)
        log_access(request, decision.request, AccessAction.PRINT)
        return pdf_response(refusal_pdf_bytes(decision), _("projekt-decyzji"))
    return document_response(request, decision.document, decision.request, filename=decision.number)


@require_GET
@permission_required("ipus.view_refusaldecision", raise_exception=True)
def refusal_receipt(request, pk):
    """The stored proof of the decision's delivery (UPO, return slip), access-logged."""
    decision = get_object_or_404(
        RefusalDecision.objects.select_related("receipt", "request"), request_id=pk
    )
    if decision.receipt is None:
        raise Http404
    return document_response(request, decision.receipt, decision.request)
