import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django_filters.views import FilterView

from cus import law, reports, roles
from cus.access import AccessLogMixin, log_access
from cus.choices import AccessAction, DocumentKind
from cus.dates import HalfYear, Quarter, add_months, month_start
from cus.documents import document_response
from cus.exports import xlsx_response
from cus.models import AccessLog, StaleObjectError, StoredDocument
from cus.pdf import pdf_response
from cus.versioning import VersionConflictMixin, prepare_conflict
from cus.views import AuditedFormMixin, PagedListMixin
from ipus.capacity import capacity_for_item, delivery_summary
from ipus.choices import AssessmentStatus, PlanStatus, RequestStatus, VersionStatus
from ipus.filters import PlanFilter
from ipus.forms import (
    AssessmentForm,
    AssessmentRowFormSet,
    ClosureForm,
    DeliveryForm,
    DeliveryImportForm,
    HalfYearSummaryForm,
    HandOffForm,
    InformationForm,
    MeetingActionFormSet,
    MonitoringContactForm,
    PersonForm,
    PersonSearchForm,
    PlanItemCapacityQuery,
    PlanItemForm,
    PlanVersionForm,
    RefusalFollowUpForm,
    RefusalForm,
    RequestForm,
    ReturnForm,
    ReviewMeetingForm,
    SignedCopyForm,
    SignedScanForm,
    TerminateForm,
    WithdrawForm,
    guess_per,
)
from ipus.imports import import_deliveries, parse_delivery_csv
from ipus.models import (
    AssessmentServiceRow,
    Delivery,
    HalfYearSummary,
    InboxMessage,
    InvalidTransition,
    MeetingAction,
    MonitoringContact,
    NeedsAssessment,
    Person,
    Plan,
    PlanItem,
    PlanVersion,
    RefusalDecision,
    Request,
    ReviewMeeting,
)
from ipus.oversight import (
    INDICATOR_COLUMNS,
    cached_indicators,
    cached_quarter_review,
    cached_quarter_review_html,
)
from ipus.pdf import (
    assessment_pdf_bytes,
    contract_pdf,
    service_card_pdf_bytes,
    version_context,
)
from ipus.workflows import (
    PlanError,
    approve_version,
    attach_signed_copy,
    close_plan,
    close_request,
    create_plan,
    generate_summary,
    issue_refusal,
    mark_read,
    record_contact,
    record_delivery,
    record_meeting,
    refusal_for,
    return_version,
    save_assessment,
    sign_assessment,
    start_annex,
    start_assessment,
    submit_version,
    suggested_items,
    summary_numbers,
    terminate_plan,
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
        "plany_ipus": [
            {
                "numer": plan.number,
                "status": plan.get_status_display(),
                "wersje": [
                    {
                        "wersja": str(version),
                        "status": version.get_status_display(),
                        "okres": [version.valid_from, version.valid_to],
                        "cele": version.expected_improvement,
                        "usługi": [
                            {
                                "usługa": item.service.name,
                                "harmonogram": item.schedule,
                                "od": item.starts_on,
                                "do": item.ends_on,
                                "miejsce": item.place,
                            }
                            for item in version.items.all()
                        ],
                    }
                    for version in plan.versions.all()
                ],
                "monitorowanie": [
                    {
                        "data": contact.contacted_on,
                        "forma": contact.get_mode_display(),
                        "ustalenia": contact.notes,
                        "zadowolenie": contact.satisfaction,
                    }
                    for contact in plan.contacts.all()
                ],
                "opis_przebiegu": plan.course_description,
                "rezultaty": plan.results_description,
            }
            for plan in Plan.objects.filter(request__person=person).prefetch_related(
                "versions__items__service", "contacts"
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


class RequestDetailView(PermissionRequiredMixin, AccessLogMixin, DetailView):
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
                changes = prepare_conflict(form, conflict.current)
                _keep_draft(assessment, request.POST)
                return _render_assessment_form(
                    request,
                    assessment,
                    form,
                    rows,
                    conflict=conflict.current,
                    conflict_changes=changes,
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
        plan = Plan.objects.filter(assessment=self.object).only("pk").first()
        self.object.plan_link = plan.get_absolute_url() if plan else ""
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


# --- Plans (IPUS) -------------------------------------------------------------------


def _plans_for(user, change=False):
    return Plan.objects.editable_by(user) if change else Plan.objects.all()


def _version_or_404(user, pk, change=False):
    queryset = PlanVersion.objects.editable_by(user) if change else PlanVersion.objects.all()
    return get_object_or_404(
        queryset.select_related(
            "plan__request__person", "plan__coordinator", "plan__current_version", "document"
        ),
        pk=pk,
    )


def _draft_version_or_redirect(request, pk):
    version = _version_or_404(request.user, pk, change=True)
    if not version.is_editable:
        messages.error(request, _("Tę wersję już przekazano — zmienia się tylko projekt."))
        return version, redirect(version)
    return version, None


class PlanListView(PermissionRequiredMixin, PagedListMixin, FilterView):
    permission_required = "ipus.view_plan"
    template_name = "ipus/plan_list.html"
    filterset_class = PlanFilter

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_queryset(self):
        return Plan.objects.for_table().order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for plan in context["object_list"]:
            plan.deadline_status = plan.deadline_state(today)
        # Counting ~60 000 plans costs ~10 ms at metro scale: counted once per data change
        # (cus.reports; the plan table is stamped, so the number is never stale).
        context["breaches"] = reports.cached(
            "plan-approval-breaches",
            lambda day: Plan.objects.approval_breached(day).count(),
            today,
        )
        context["today"] = today
        return context


@permission_required("ipus.add_plan", raise_exception=True)
def plan_create(request, pk):
    """The plan drawn up from a completed assessment (pk: the assessment)."""
    assessment = _assessment_or_404(pk, request.user)
    if hasattr(assessment, "plan"):
        return redirect(assessment.plan)
    if assessment.status == AssessmentStatus.DRAFT or assessment.request.status != (
        RequestStatus.ASSESSING
    ):
        messages.error(
            request, _("Plan sporządza się z zakończonego rozpoznania otwartego wniosku.")
        )
        return redirect(assessment)
    today = timezone.localdate()
    version = PlanVersion(
        valid_from=today,
        valid_to=add_months(today, 6) - timedelta(days=1),
        expected_improvement="",
    )
    form = PlanVersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        plan = create_plan(assessment, form, request.user)
        messages.success(
            request, _("Sporządzono projekt IPUS. Dodaj usługi z rozpoznania potrzeb.")
        )
        return redirect(plan.current_version)
    return render(
        request,
        "ipus/plan_form.html",
        {"form": form, "assessment": assessment, "person": assessment.request.person},
    )


class PlanDetailView(PermissionRequiredMixin, AccessLogMixin, DetailView):
    """The plan: status and 30-day clock, the version in force, versions, history, monitoring, deliveries."""

    permission_required = "ipus.view_plan"
    template_name = "ipus/plan_detail.html"
    # The page links the assessment and the closure PDF by id: their rows (the assessment's
    # health notes among them) are not loaded, and the query compiles ~40 columns fewer.
    queryset = Plan.objects.for_list()

    def get_context_data(self, **kwargs):
        plan, user = self.object, self.request.user
        can_change = user.has_perm("ipus.change_plan") and plan.is_editable_by(user)
        items = delivery_summary(plan) if plan.current_version else []
        context = {
            "plan": plan,
            "person": plan.request.person,
            "deadline_status": plan.deadline_state(),
            "items": items,
            # The versions and history show numbers, dates and names: no document rows, and
            # only those columns of the joined rows (each joined column is compiled and built
            # on every view; issue 8).
            # By number: the default order joins the plan to sort by its ordering first.
            "versions": list(plan.versions.order_by("number")),
            "transitions": list(
                plan.transitions.select_related("by", "plan_version").only(
                    "plan_id",
                    "from_status",
                    "to_status",
                    "at",
                    "note",
                    "by",
                    "by__username",
                    "by__first_name",
                    "by__last_name",
                    "plan_version",
                    "plan_version__number",
                    "plan_version__drawn_up_on",
                )
            ),
            # The contacts show the problem service's name and the author's name.
            "contacts": list(
                plan.contacts.select_related("problem_service", "created_by").only(
                    *(field.name for field in MonitoringContact._meta.concrete_fields),
                    "problem_service__name",
                    "created_by__username",
                    "created_by__first_name",
                    "created_by__last_name",
                )
            ),
            "can_change": can_change,
            "today": timezone.localdate(),
        }
        live = plan.status in Plan.LIVE_STATUSES
        if can_change and live:
            context["contact_form"] = kwargs.pop("contact_form", None) or MonitoringContactForm(
                plan=plan, prefix="contact"
            )
            context["delivery_form"] = kwargs.pop("delivery_form", None) or DeliveryForm(
                items=items, prefix="delivery", initial={"month": month_start(timezone.localdate())}
            )
        if (
            can_change
            and plan.status in Plan.TRANSITIONS
            and PlanStatus.TERMINATED in (Plan.TRANSITIONS[plan.status])
        ):
            context["terminate_form"] = kwargs.pop("terminate_form", None) or TerminateForm(
                prefix="terminate"
            )
        return super().get_context_data(**context, **kwargs)

    def render_with(self, **forms):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(**forms))


def _render_plan(request, pk, **forms):
    view = PlanDetailView()
    view.setup(request, pk=pk)
    return view.render_with(**forms)


class VersionDetailView(PermissionRequiredMixin, AccessLogMixin, DetailView):
    """One version: its items (and waiting ones), the annex's changes, its workflow actions."""

    permission_required = "ipus.view_plan"
    template_name = "ipus/version_detail.html"
    queryset = PlanVersion.objects.select_related(
        "plan__request__person",
        "plan__coordinator",
        "document",
        "centre_signed",
        "signed_copy",
        "approved_by",
    )

    def get_context_data(self, **kwargs):
        version, user = self.object, self.request.user
        can_change = user.has_perm("ipus.change_plan") and version.plan.is_editable_by(user)
        context = {
            **version_context(version),
            "can_change": can_change,
            "can_approve": user.has_perm("cus.approve_ipus"),
            "suggestions": suggested_items(version.plan)
            if can_change and version.is_editable
            else [],
            "deadline_status": version.plan.deadline_state(),
            "editable": can_change and version.is_editable,
        }
        if version.status == VersionStatus.APPROVED and can_change:
            context["signed_copy_form"] = kwargs.pop("signed_copy_form", None) or SignedCopyForm()
        if version.status == VersionStatus.SUBMITTED and context["can_approve"]:
            context["return_form"] = kwargs.pop("return_form", None) or ReturnForm()
        return super().get_context_data(**context, **kwargs)

    def get_logged_object(self):
        return self.object.plan


def _render_version(request, pk, **forms):
    view = VersionDetailView()
    view.setup(request, pk=pk)
    view.object = view.get_object()
    return view.render_to_response(view.get_context_data(**forms))


@permission_required("ipus.change_planversion", raise_exception=True)
def version_update(request, pk):
    version, stop = _draft_version_or_redirect(request, pk)
    if stop:
        return stop
    form = PlanVersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        form.instance.stamp(request.user)
        try:
            form.save()
        except StaleObjectError as conflict:
            current = PlanVersion.objects.select_related("updated_by").get(pk=version.pk)
            return render(
                request,
                "ipus/plan_form.html",
                {
                    "form": form,
                    "version": version,
                    "person": version.plan.request.person,
                    "conflict": current,
                    "conflict_changes": prepare_conflict(form, conflict.current),
                },
            )
        else:
            outside = version.items.filter(
                Q(starts_on__lt=version.valid_from) | Q(ends_on__gt=version.valid_to)
            )
            if outside.exists():
                messages.warning(
                    request,
                    _("Niektóre usługi wychodzą poza nowy okres planu — popraw ich terminy."),
                )
            messages.success(request, _("Zapisano."))
            return redirect(version)
    return render(
        request,
        "ipus/plan_form.html",
        {"form": form, "version": version, "person": version.plan.request.person},
    )


def _item_form(request, version, instance=None, initial=None):
    return PlanItemForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        version=version,
        user=request.user,
        capacity_url=reverse("ipus:item-capacity", args=[version.pk]),
    )


def _initial_from_row(version, row_pk):
    row = (
        AssessmentServiceRow.objects.filter(
            pk=row_pk, assessment=version.plan.assessment_id, service__isnull=False
        )
        .select_related("service")
        .first()
        if str(row_pk).isdigit()
        else None
    )
    initial = {"starts_on": version.valid_from, "ends_on": version.valid_to}
    if row:
        initial.update(
            service=row.service,
            quantity=row.quantity or 1,
            per=guess_per(row.frequency),
            scope=row.service.description[:500] if row.service.description else "",
        )
        provider = row.service.providers.filter(active=True).first()
        if provider:
            initial["provider"] = provider
    initial.setdefault("place", _("Miejsce zamieszkania"))
    return initial


@permission_required("ipus.add_planitem", raise_exception=True)
def item_create(request, pk):
    version, stop = _draft_version_or_redirect(request, pk)
    if stop:
        return stop
    form = _item_form(
        request, version, initial=_initial_from_row(version, request.GET.get("from_row", ""))
    )
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(
            request,
            _("Dodano usługę: %(item)s%(waiting)s.")
            % {"item": item, "waiting": _(" — na liście oczekujących") if item.waiting else ""},
        )
        if "another" in request.POST:
            return redirect("ipus:item-create", pk=version.pk)
        return redirect(version)
    return render(request, "ipus/planitem_form.html", {"form": form, "version": version})


def _item_or_404(request, pk):
    return get_object_or_404(
        PlanItem.objects.filter(
            version__in=PlanVersion.objects.editable_by(request.user)
        ).select_related("version__plan__request__person", "service"),
        pk=pk,
    )


@permission_required("ipus.change_planitem", raise_exception=True)
def item_update(request, pk):
    item = _item_or_404(request, pk)
    version, stop = _draft_version_or_redirect(request, item.version_id)
    if stop:
        return stop
    form = _item_form(request, version, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Zapisano usługę."))
        return redirect(version)
    return render(
        request, "ipus/planitem_form.html", {"form": form, "version": version, "item": item}
    )


@require_POST
@permission_required("ipus.delete_planitem", raise_exception=True)
def item_delete(request, pk):
    item = _item_or_404(request, pk)
    version, stop = _draft_version_or_redirect(request, item.version_id)
    if stop:
        return stop
    if Delivery.objects.filter(line=item).exists():
        messages.error(request, _("Tej pozycji nie można usunąć: ma zapisane realizacje."))
        return redirect(version)
    item.delete()
    messages.success(request, _("Usunięto usługę z projektu."))
    return redirect(version)


@require_GET
@permission_required("ipus.add_planitem", raise_exception=True)
def item_capacity(request, pk):
    """htmx: the chosen service's remaining capacity for the chosen period."""
    version = _version_or_404(request.user, pk, change=True)
    service = start = end = None
    form = PlanItemCapacityQuery(request.GET)
    capacity = None
    if form.is_valid():
        service, start, end = (form.cleaned_data[k] for k in ("service", "starts_on", "ends_on"))
        capacity = capacity_for_item(service, start, end, version, form.cleaned_data.get("item"))
    return render(
        request,
        "ipus/includes/_capacity.html",
        {"capacity": capacity, "service": service, "start": start, "end": end},
    )


@require_POST
@permission_required("ipus.change_planversion", raise_exception=True)
def version_submit(request, pk):
    version, stop = _draft_version_or_redirect(request, pk)
    if stop:
        return stop
    try:
        submit_version(version, request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Przekazano do zatwierdzenia."))
    return redirect(version)


@require_POST
@permission_required("cus.approve_ipus", raise_exception=True)
def version_return(request, pk):
    version = _version_or_404(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _render_version(request, pk, return_form=form)
    try:
        return_version(version, request.user, form.cleaned_data["note"])
    except InvalidTransition:
        messages.error(request, _("Tej wersji nie można już zwrócić."))
    else:
        messages.success(request, _("Zwrócono do poprawy."))
    return redirect(version)


@require_POST
@permission_required("cus.approve_ipus", raise_exception=True)
def version_approve(request, pk):
    version = _version_or_404(request.user, pk)
    try:
        version = approve_version(version, request.user)
    except InvalidTransition:
        messages.error(request, _("Zatwierdza się tylko wersję przekazaną do zatwierdzenia."))
        return redirect(version)
    messages.success(
        request,
        _("Zatwierdzono %(title)s. Wydrukuj umowę i podpiszcie ją z uczestnikiem.")
        % {"title": version.document.title},
    )
    return redirect(version)


@require_POST
@permission_required("ipus.change_planversion", raise_exception=True)
def version_signed_copy(request, pk):
    version = _version_or_404(request.user, pk, change=True)
    form = SignedCopyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_version(request, pk, signed_copy_form=form)
    try:
        attach_signed_copy(
            version, form.cleaned_data["kind"], form.cleaned_data["document"], request.user
        )
    except PlanError as error:
        form.add_error("document", str(error))
        return _render_version(request, pk, signed_copy_form=form)
    version.plan.refresh_from_db()
    messages.success(
        request,
        _("Dołączono podpisany egzemplarz. Status planu: %(status)s.")
        % {"status": version.plan.get_status_display()},
    )
    return redirect(version.plan)


@require_GET
@permission_required("ipus.view_plan", raise_exception=True)
def version_pdf(request, pk):
    """The contract: the frozen bytes once approved, otherwise a draft marked as such."""
    version = _version_or_404(request.user, pk)
    if version.document_id:
        return document_response(
            request, version.document, version.plan, filename=version.document.title
        )
    log_access(request, version.plan, AccessAction.PRINT)
    return pdf_response(contract_pdf(version, draft=True), f"projekt-ipus-{version.plan_id}")


@require_GET
@permission_required("ipus.view_plan", raise_exception=True)
def version_document(request, pk, which):
    """The centre-signed PDF or the signed copy of a version."""
    version = _version_or_404(request.user, pk)
    if which not in ("centre-signed", "signed-copy"):
        raise Http404
    document = version.centre_signed if which == "centre-signed" else version.signed_copy
    if document is None:
        raise Http404
    return document_response(request, document, version.plan, filename=document.title)


@require_POST
@permission_required("ipus.add_planversion", raise_exception=True)
def plan_annex(request, pk):
    plan = get_object_or_404(_plans_for(request.user, change=True), pk=pk)
    try:
        annex = start_annex(plan, request.user)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect(plan)
    messages.info(
        request, _("Projekt aktualizacji: zmień usługi, podaj powód i przekaż do zatwierdzenia.")
    )
    return redirect(annex)


@require_POST
@permission_required("ipus.delete_planversion", raise_exception=True)
def version_discard(request, pk):
    version, stop = _draft_version_or_redirect(request, pk)
    if stop:
        return stop
    if version.number == 0:
        messages.error(request, _("Projektu planu nie usuwa się; można go przerwać lub poprawić."))
        return redirect(version)
    plan = version.plan
    version.delete()
    messages.success(request, _("Usunięto projekt aktualizacji."))
    return redirect(plan)


@require_POST
@permission_required("ipus.change_plan", raise_exception=True)
def plan_terminate(request, pk):
    plan = get_object_or_404(_plans_for(request.user, change=True), pk=pk)
    form = TerminateForm(request.POST, prefix="terminate")
    if not form.is_valid():
        return _render_plan(request, pk, terminate_form=form)
    try:
        terminate_plan(plan, form.cleaned_data["reason"], request.user)
    except InvalidTransition:
        messages.error(request, _("Tego planu nie można przerwać w obecnym stanie."))
    else:
        messages.success(request, _("Przerwano realizację planu."))
    return redirect(plan)


@permission_required("ipus.change_plan", raise_exception=True)
def plan_close(request, pk):
    plan = get_object_or_404(_plans_for(request.user, change=True).for_list(), pk=pk)
    if plan.status != PlanStatus.ACTIVE:
        messages.error(request, _("Zakończyć można tylko plan w realizacji."))
        return redirect(plan)
    form = ClosureForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        close_plan(plan, form, request.user)
        messages.success(request, _("Zakończono plan; opis przebiegu realizacji jest zamrożony."))
        return redirect(plan)
    return render(
        request,
        "ipus/plan_close.html",
        {"form": form, "plan": plan, "items": delivery_summary(plan)},
    )


@require_GET
@permission_required("ipus.view_plan", raise_exception=True)
def plan_closure_pdf(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("closure_document"), pk=pk)
    if plan.closure_document is None:
        raise Http404
    return document_response(
        request, plan.closure_document, plan, filename=plan.closure_document.title
    )


@require_POST
@permission_required("ipus.add_monitoringcontact", raise_exception=True)
def contact_create(request, pk):
    plan = get_object_or_404(
        _plans_for(request.user, change=True).select_related("current_version"), pk=pk
    )
    if plan.status not in Plan.LIVE_STATUSES:
        messages.error(request, _("Monitoruje się plan podpisany i w realizacji."))
        return redirect(plan)
    form = MonitoringContactForm(request.POST, plan=plan, prefix="contact")
    if not form.is_valid():
        return _render_plan(request, pk, contact_form=form)
    record_contact(plan, form, request.user)
    plan.refresh_from_db()
    messages.success(
        request,
        _("Zapisano kontakt. Następny do %(date)s.")
        % {"date": plan.next_contact_due.strftime("%d.%m.%Y")},
    )
    return redirect(plan)


@require_POST
@permission_required("ipus.add_delivery", raise_exception=True)
def delivery_save(request, pk):
    plan = get_object_or_404(
        _plans_for(request.user, change=True).select_related("current_version"), pk=pk
    )
    if plan.status not in Plan.LIVE_STATUSES:
        messages.error(request, _("Realizacje wpisuje się do planu podpisanego i w realizacji."))
        return redirect(plan)
    items = delivery_summary(plan)
    form = DeliveryForm(request.POST, items=items, prefix="delivery")
    if not form.is_valid():
        return _render_plan(request, pk, delivery_form=form)
    item = form.cleaned_data["item"]
    record_delivery(
        item,
        form.cleaned_data["month"],
        form.cleaned_data["units"],
        request.user,
        note=form.cleaned_data["note"],
    )
    if form.cleaned_data["units"] > item.month_allowance(form.cleaned_data["month"]):
        messages.warning(
            request,
            _(
                "Uwaga: w tym miesiącu zrealizowano więcej, niż przewiduje harmonogram (%(allowed)s)."
            )
            % {"allowed": item.month_allowance(form.cleaned_data["month"])},
        )
    messages.success(request, _("Zapisano realizację."))
    return redirect(plan)


@permission_required("ipus.add_delivery", raise_exception=True)
def delivery_import(request):
    """A provider's monthly CSV: validated row by row; all rows are stored, or none."""
    form = DeliveryImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        rows, errors = parse_delivery_csv(
            form.cleaned_data["file"], _plans_for(request.user, change=True)
        )
        if not errors:
            count = import_deliveries(rows, request.user)
            messages.success(request, _("Wczytano %(n)d wierszy realizacji.") % {"n": count})
            return redirect("ipus:delivery-import")
    return render(request, "ipus/delivery_import.html", {"form": form, "errors": errors})


@require_GET
@permission_required("ipus.view_planitem", raise_exception=True)
def item_card_pdf(request, pk):
    """Karta Usług for the provider: who, what, when, where, whom to contact — no health data."""
    item = get_object_or_404(
        PlanItem.objects.select_related(
            "service", "provider", "version__plan__request__person", "version__plan__coordinator"
        ),
        pk=pk,
    )
    plan = item.version.plan
    log_access(request, plan, AccessAction.PRINT)
    return pdf_response(service_card_pdf_bytes(item), f"karta-uslug-{item.pk}")


class PlanWorklistView(PermissionRequiredMixin, ListView):
    """The director's work list: plans and annexes to approve, approved ones awaiting signatures."""

    permission_required = ("ipus.view_plan", "cus.approve_ipus")
    template_name = "ipus/plan_worklist.html"

    def get_queryset(self):
        return (
            PlanVersion.objects.filter(status__in=(VersionStatus.SUBMITTED, VersionStatus.APPROVED))
            .select_related("plan__request__person", "plan__coordinator")
            .order_by("plan__request__received_at", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        versions = list(context["object_list"])
        for version in versions:
            version.deadline_status = version.plan.deadline_state(today)
        context["to_approve"] = [v for v in versions if v.status == VersionStatus.SUBMITTED]
        context["to_sign"] = [v for v in versions if v.status == VersionStatus.APPROVED]
        return context


class WaitingListView(PermissionRequiredMixin, ListView):
    """Items waiting for a place, per service, in filing order."""

    permission_required = "ipus.view_planitem"
    template_name = "ipus/waiting_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            PlanItem.objects.waiting_list()
            .select_related(
                "service", "version__plan__request__person", "version__plan__coordinator"
            )
            .order_by("service__name", "version__plan__request__received_at", "pk")
        )


# --- Oversight (OUS) ----------------------------------------------------------------


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
    return render(
        request,
        "ipus/quarter_review.html",
        {
            "quarter": quarter,
            "body": cached_quarter_review_html(quarter),
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
