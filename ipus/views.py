import json

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from cus import roles
from cus.access import AccessLogMixin, log_access
from cus.choices import AccessAction, DocumentKind
from cus.documents import document_response
from cus.models import AccessLog, StaleObjectError, StoredDocument
from cus.pdf import pdf_response
from cus.versioning import VersionConflictMixin
from cus.views import AuditedFormMixin, PagedListMixin
from ipus.choices import AssessmentStatus, RequestStatus
from ipus.forms import (
    AssessmentForm,
    AssessmentRowFormSet,
    HandOffForm,
    InformationForm,
    PersonForm,
    PersonSearchForm,
    RefusalFollowUpForm,
    RefusalForm,
    RequestForm,
    SignedScanForm,
    WithdrawForm,
)
from ipus.models import AssessmentServiceRow, NeedsAssessment, Person, RefusalDecision, Request
from ipus.workflows import (
    assessment_pdf_bytes,
    close_request,
    issue_refusal,
    refusal_for,
    save_assessment,
    sign_assessment,
    start_assessment,
)


class PersonSearchView(PermissionRequiredMixin, PagedListMixin, ListView):
    """Search before create: by PESEL, name or birth date; a new person only after a search."""

    permission_required = "ipus.view_person"
    template_name = "ipus/person_search.html"
    paginate_by = 25

    def get_queryset(self):
        self.form = PersonSearchForm(self.request.GET or None)
        if not self.form.is_bound or not self.form.is_valid():
            return Person.objects.none()
        q, birth_date = self.form.cleaned_data["q"], self.form.cleaned_data["birth_date"]
        if not q and not birth_date:
            return Person.objects.none()
        return Person.objects.search(q, birth_date).only(
            "first_name",
            "last_name",
            "birth_date",
            "street",
            "building",
            "flat",
            "postal_code",
            "town",
        )

    def get_context_data(self, **kwargs):
        searched = (
            self.form.is_bound and self.form.is_valid() and any(self.form.cleaned_data.values())
        )
        return super().get_context_data(form=self.form, searched=searched, **kwargs)


class PersonDetailView(PermissionRequiredMixin, AccessLogMixin, DetailView):
    """A resident's record; every view is written to the access log."""

    permission_required = "ipus.view_person"
    template_name = "ipus/person_detail.html"
    queryset = Person.objects.select_related("created_by", "updated_by").prefetch_related(
        Prefetch("requests", Request.objects.order_by("-received_at"))
    )


class PersonCreateView(PermissionRequiredMixin, AuditedFormMixin, CreateView):
    permission_required = "ipus.add_person"
    model = Person
    form_class = PersonForm
    template_name = "ipus/person_form.html"

    def get_initial(self):
        # Carry the search over: a PESEL or a name typed there need not be typed again.
        q = self.request.GET.get("q", "").strip()
        initial = {}
        if q.isdigit() and len(q) == 11:
            initial["pesel"] = q
        elif q:
            words = q.split()
            initial["last_name"] = words[0].capitalize()
            if len(words) > 1:
                initial["first_name"] = words[1].capitalize()
        if self.request.GET.get("birth_date"):
            initial["birth_date"] = self.request.GET["birth_date"]
        return initial

    success_message = _("Zarejestrowano osobę: %(object)s.")


class PersonUpdateView(PermissionRequiredMixin, AuditedFormMixin, VersionConflictMixin, UpdateView):
    permission_required = "ipus.change_person"
    model = Person
    form_class = PersonForm
    template_name = "ipus/person_form.html"

    success_message = _("Zapisano zmiany.")


def _export_value(person, field):
    if field.choices:
        return str(getattr(person, f"get_{field.name}_display")())
    return getattr(person, field.attname)


@require_GET
@permission_required("ipus.view_person", raise_exception=True)
def person_export(request, pk):
    """Subject access (GDPR art. 15): everything held about the person, as JSON."""
    person = get_object_or_404(Person, pk=pk)
    data = {
        "wygenerowano": timezone.now(),
        "osoba": {
            str(field.verbose_name): _export_value(person, field)
            for field in Person._meta.concrete_fields
            if field.name != "version"
        },
        "historia_zmian": [
            {
                "kiedy": entry.history_date,
                "rodzaj": entry.get_history_type_display(),
                "kto": str(entry.history_user or ""),
            }
            for entry in person.history.select_related("history_user")
        ],
        "wnioski": [
            {
                "wpływ": item.received_at,
                "status": item.get_status_display(),
                "czego_dotyczy": item.requested_text,
                "rozpoznanie_potrzeb": (
                    {
                        "data": item.assessment.assessed_on,
                        "problemy": item.assessment.problems,
                        "ocena": item.assessment.coordinator_assessment,
                        "usługi": [
                            {
                                "rodzaj": row.get_kind_display(),
                                "usługa": row.label,
                                "ilość": row.quantity,
                                "częstotliwość": row.frequency,
                            }
                            for row in item.assessment.rows.all()
                        ],
                    }
                    if hasattr(item, "assessment")
                    else None
                ),
            }
            for item in person.requests.select_related("assessment").prefetch_related(
                "assessment__rows__service"
            )
        ],
        "odczyty_danych": [
            {"kiedy": row.at, "kto": str(row.user or ""), "czynność": row.get_action_display()}
            for row in AccessLog.objects.for_object(person).select_related("user")[:1000]
        ],
    }
    log_access(request, person, AccessAction.EXPORT)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="dane-osoby-{person.pk}.json"'
    return response


# --- Requests -----------------------------------------------------------------------

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


class RequestCreateView(PermissionRequiredMixin, CreateView):
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


class RequestListView(PermissionRequiredMixin, PagedListMixin, ListView):
    """Requests by urgency; open ones by default, the user's own first for a KIPUS."""

    permission_required = "ipus.view_request"
    template_name = "ipus/request_list.html"
    paginate_by = 50

    def get_queryset(self):
        queryset = Request.objects.for_list()
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


class RequestDetailView(PermissionRequiredMixin, AccessLogMixin, DetailView):
    permission_required = "ipus.view_request"
    template_name = "ipus/request_detail.html"
    queryset = Request.objects.for_list().prefetch_related("requested_services", "transitions__by")

    def get_context_data(self, **kwargs):
        request_obj = self.object
        context = {
            "refusal": refusal_for(request_obj),
            "assessment": NeedsAssessment.objects.filter(request=request_obj).first(),
            "item": Request.mark_deadlines([request_obj])[0],
            "can_change": self.request.user.has_perm("ipus.change_request")
            and Request.objects.editable_by(self.request.user).filter(pk=request_obj.pk).exists(),
        }
        if request_obj.is_open and context["can_change"]:
            context["outcome_forms"] = {
                key: kwargs.pop(f"{key}_form", None) or form_class(instance=request_obj, prefix=key)
                for key, (form_class, _status, _message) in OUTCOMES.items()
            }
            context["refusal_form"] = kwargs.pop("refusal_form", None) or RefusalForm(
                prefix="refusal"
            )
        if context["refusal"] and context["can_change"]:
            context["followup_form"] = kwargs.pop("followup_form", None) or RefusalFollowUpForm(
                instance=context["refusal"], prefix="followup"
            )
        return super().get_context_data(**context, **kwargs)

    def render_with(self, **forms):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(**forms))


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
        view = RequestDetailView()
        view.setup(request, pk=pk)
        return view.render_with(**{f"{outcome}_form": form, "open_outcome": outcome})
    close_request(request_obj, form, status, request.user)
    messages.success(request, message)
    return redirect(request_obj)


@require_POST
@permission_required("ipus.add_refusaldecision", raise_exception=True)
def request_refuse(request, pk):
    request_obj, stop = _open_request_or_error(request, pk)
    if stop:
        return stop
    form = RefusalForm(request.POST, prefix="refusal")
    if not form.is_valid():
        view = RequestDetailView()
        view.setup(request, pk=pk)
        return view.render_with(refusal_form=form, open_outcome="refusal")
    decision = issue_refusal(request_obj, form, request.user)
    messages.success(
        request,
        _("Wydano decyzję %(number)s. Wydrukuj ją i doręcz stronie.") % {"number": decision.number},
    )
    return redirect(request_obj)


@require_POST
@permission_required("ipus.change_refusaldecision", raise_exception=True)
def refusal_followup(request, pk):
    request_obj = get_object_or_404(Request.objects.editable_by(request.user), pk=pk)
    decision = get_object_or_404(RefusalDecision, request=request_obj)
    form = RefusalFollowUpForm(request.POST, instance=decision, prefix="followup")
    if not form.is_valid():
        view = RequestDetailView()
        view.setup(request, pk=pk)
        return view.render_with(followup_form=form)
    form.instance.stamp(request.user)
    form.save()
    messages.success(request, _("Zapisano doręczenie i odwołanie."))
    return redirect(request_obj)


@require_GET
@permission_required("ipus.view_refusaldecision", raise_exception=True)
def refusal_pdf(request, pk):
    decision = get_object_or_404(
        RefusalDecision.objects.select_related("document", "request"), request_id=pk
    )
    if decision.document is None:
        raise Http404
    return document_response(request, decision.document, decision.request, filename=decision.number)


# --- Needs assessment -------------------------------------------------------------


def _assessment_or_404(pk, user=None):
    """The assessment; with ``user``, only among the cases that user may change."""
    queryset = NeedsAssessment.objects.editable_by(user) if user else NeedsAssessment.objects
    return get_object_or_404(
        queryset.select_related("request__person", "coordinator", "document", "signed_scan"),
        pk=pk,
    )


@require_POST
@permission_required("ipus.add_needsassessment", raise_exception=True)
def assessment_start(request, pk):
    request_obj = get_object_or_404(Request.objects.editable_by(request.user), pk=pk)
    if not request_obj.is_open and not hasattr(request_obj, "assessment"):
        messages.error(request, _("Ten wniosek jest już zakończony."))
        return redirect(request_obj)
    assessment = start_assessment(request_obj, request.user)
    return redirect("ipus:assessment-update", pk=assessment.pk)


def _draft_data(assessment):
    data = QueryDict(mutable=True)
    for key, values in assessment.draft.items():
        data.setlist(key, values)
    return data


@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_update(request, pk):
    """The multi-section assessment form; drafts are kept on the server as the KIPUS types."""
    assessment = _assessment_or_404(pk, request.user)
    if not assessment.is_editable:
        messages.info(request, _("Podpisanej diagnozy nie można zmieniać."))
        return redirect(assessment)
    restored = False
    if request.method == "POST":
        data = request.POST
    elif assessment.draft:
        data, restored = _draft_data(assessment), True
    else:
        data = None
    form = AssessmentForm(data, instance=assessment)
    rows = AssessmentRowFormSet(data, instance=assessment, prefix="rows")
    if request.method == "POST":
        complete = "complete" in request.POST
        valid = form.is_valid() and rows.is_valid()
        if valid and complete:
            valid = form.check_complete(rows)
        if valid:
            try:
                save_assessment(form, rows, request.user, complete=complete)
            except StaleObjectError as conflict:
                form.add_error(
                    None,
                    _(
                        "Ktoś zapisał tę diagnozę w międzyczasie. Twoje dane są zachowane poniżej; odśwież stronę w nowej karcie, aby porównać."
                    ),
                )
                _keep_draft(assessment, request.POST)
                return _render_assessment_form(
                    request, assessment, form, rows, conflict=conflict.current
                )
            messages.success(
                request,
                _("Zakończono rozpoznanie potrzeb. Wydrukuj je do podpisu.")
                if complete
                else _("Zapisano diagnozę."),
            )
            return redirect(assessment)
        # Nothing typed is lost: a failed validation keeps the input as the draft too.
        _keep_draft(assessment, request.POST)
    return _render_assessment_form(request, assessment, form, rows, restored=restored)


def _render_assessment_form(request, assessment, form, rows, **extra):
    return render(
        request,
        "ipus/assessment_form.html",
        {
            "object": assessment,
            "form": form,
            "rows": rows,
            "snapshot": assessment.person_snapshot,
            **extra,
        },
    )


def _keep_draft(assessment, post):
    data = {key: post.getlist(key) for key in post if key != "csrfmiddlewaretoken"}
    # Only the draft columns: the record's own fields and version are untouched.
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        draft=data, draft_saved_at=timezone.now()
    )


@require_POST
@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_autosave(request, pk):
    """htmx: keep what is in the form as the server-side draft; answers with the time saved."""
    assessment = _assessment_or_404(pk, request.user)
    if not assessment.is_editable:
        return HttpResponse(status=409)
    _keep_draft(assessment, request.POST)
    return render(request, "ipus/includes/_draft_status.html", {"saved_at": timezone.localtime()})


class AssessmentDetailView(PermissionRequiredMixin, AccessLogMixin, DetailView):
    permission_required = "ipus.view_needsassessment"
    template_name = "ipus/assessment_detail.html"
    queryset = NeedsAssessment.objects.select_related(
        "request__person", "coordinator", "document", "signed_scan"
    ).prefetch_related(Prefetch("rows", AssessmentServiceRow.objects.select_related("service")))

    def get_context_data(self, **kwargs):
        user = self.request.user
        can_change = (
            user.has_perm("ipus.change_needsassessment")
            and NeedsAssessment.objects.editable_by(user).filter(pk=self.object.pk).exists()
        )
        return super().get_context_data(scan_form=SignedScanForm(), can_change=can_change, **kwargs)


@require_GET
@permission_required("ipus.view_needsassessment", raise_exception=True)
def assessment_pdf(request, pk):
    """The printout: the frozen PDF once signed, otherwise rendered from the current data."""
    assessment = _assessment_or_404(pk)
    if assessment.document_id:
        return document_response(
            request, assessment.document, assessment, filename="diagnoza-potrzeb"
        )
    log_access(request, assessment, AccessAction.PRINT)
    return pdf_response(assessment_pdf_bytes(assessment), f"diagnoza-potrzeb-{assessment.pk}")


@require_POST
@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_sign(request, pk):
    assessment = _assessment_or_404(pk, request.user)
    if assessment.status != AssessmentStatus.COMPLETED:
        messages.error(request, _("Podpisać można tylko zakończoną diagnozę."))
        return redirect(assessment)
    sign_assessment(assessment, request.user)
    messages.success(request, _("Diagnozę oznaczono jako podpisaną; jej PDF jest zamrożony."))
    return redirect(assessment)


@require_POST
@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_scan(request, pk):
    assessment = _assessment_or_404(pk, request.user)
    form = SignedScanForm(request.POST, request.FILES)
    if assessment.status != AssessmentStatus.SIGNED or not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        if assessment.status != AssessmentStatus.SIGNED:
            messages.error(request, _("Skan dołącza się do podpisanej diagnozy."))
        return redirect(assessment)
    upload = form.cleaned_data["scan"]
    scan = StoredDocument.store(
        upload.data,
        kind=DocumentKind.SIGNED_SCAN,
        title=_("Skan diagnozy potrzeb"),
        user=request.user,
        content_type=upload.content_type,
        original=assessment.document,
    )
    NeedsAssessment.objects.filter(pk=assessment.pk).update(signed_scan=scan)
    messages.success(request, _("Dołączono skan podpisanej diagnozy."))
    return redirect(assessment)
