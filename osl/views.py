from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, ListView, UpdateView

from cus.access import log_access
from cus.choices import AccessAction, DocumentKind
from cus.dates import Quarter
from cus.documents import document_response
from cus.exports import xlsx_response
from cus.models import StoredDocument
from cus.pages import messages_for_errors
from cus.pdf import pdf_response, render_pdf
from cus.status import InvalidTransition
from cus.views import PagedListMixin
from osl.choices import Component, PlanStatus, SwotKind
from osl.forms import (
    ActivityForm,
    AdoptForm,
    CommunityForm,
    CopyForwardForm,
    IndicatorFormSet,
    LeaderForm,
    NewVersionForm,
    OslPlanForm,
    PartnerForm,
    ReportForm,
    ResourceForm,
    ScheduleItemForm,
    SectionFormSet,
    StageFormSet,
    SwotFormSet,
    VolunteerForm,
)
from osl.models import (
    Activity,
    AnnualReport,
    Community,
    Evidence,
    IndicatorValue,
    Leader,
    OslPlan,
    Partner,
    Resource,
    ScheduleItem,
    Volunteer,
    VolunteerHours,
)
from osl.progress import cached_summary, item_progress
from osl.workflows import adopt, generate_report, new_version


def _plan_or_404(pk, editable=False):
    plan = get_object_or_404(OslPlan, pk=pk)
    if editable and not plan.is_editable:
        raise Http404
    return plan


def _draft_or_redirect(request, pk):
    plan = get_object_or_404(OslPlan, pk=pk)
    if not plan.is_editable:
        messages.error(
            request,
            _("Przyjęty plan zmienia się tylko nową wersją (aktualizacją)."),
        )
        return plan, redirect(plan)
    return plan, None


class PlanListView(PermissionRequiredMixin, ListView):
    permission_required = "osl.view_oslplan"
    template_name = "osl/plan_list.html"
    queryset = OslPlan.objects.for_list()
    paginate_by = 30


@permission_required("osl.add_oslplan", raise_exception=True)
def plan_create(request):
    form = OslPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.stamp(request.user)
        plan = form.save()
        messages.success(
            request, _("Utworzono projekt planu. Dodaj rozdziały, społeczności i harmonogramy.")
        )
        return redirect(plan)
    return render(request, "osl/plan_form.html", {"form": form})


@permission_required("osl.change_oslplan", raise_exception=True)
def plan_update(request, pk):
    plan, stop = _draft_or_redirect(request, pk)
    if stop:
        return stop
    form = OslPlanForm(request.POST or None, instance=plan)
    sections = SectionFormSet(request.POST or None, instance=plan, prefix="sections")
    swot = SwotFormSet(request.POST or None, instance=plan, prefix="swot")
    stages = StageFormSet(request.POST or None, instance=plan, prefix="stages")
    if request.method == "POST" and all(f.is_valid() for f in (form, sections, swot, stages)):
        with transaction.atomic():
            form.instance.stamp(request.user)
            form.save()
            sections.save()
            swot.save()
            stages.save()
        messages.success(request, _("Zapisano plan."))
        return redirect(plan)
    return render(
        request,
        "osl/plan_form.html",
        {"form": form, "plan": plan, "sections": sections, "swot": swot, "stages": stages},
    )


@require_GET
@permission_required("osl.view_oslplan", raise_exception=True)
def plan_detail(request, pk):
    plan = get_object_or_404(
        OslPlan.objects.select_related("previous", "based_on_summary", "created_by"), pk=pk
    )
    items = list(plan.schedule_items.for_table())
    communities = list(plan.communities.all())
    schedules = [(None, [i for i in items if i.community_id is None])] + [
        (community, [i for i in items if i.community_id == community.pk])
        for community in communities
    ]
    quarters = plan.quarters
    stages = list(plan.stages.all())
    matrix = [
        (stage, [stage.component_codes if q.slug in stage.quarters else "" for q in quarters])
        for stage in stages
    ]
    swot = {kind: [] for kind in SwotKind.values}
    for entry in plan.swot.all():
        swot[entry.kind].append(entry)
    return render(
        request,
        "osl/plan_detail.html",
        {
            "plan": plan,
            "sections": list(plan.sections.all()),
            "swot": [(SwotKind(kind).label, entries) for kind, entries in swot.items()],
            "communities": communities,
            "schedules": schedules,
            "quarters": quarters,
            "matrix": matrix,
            "components": Component.choices,
            "versions": _lineage(plan),
            "reports": list(plan.reports.all()),
            "report_deadlines": [
                (year, plan.report_deadline(year))
                for year in plan.report_years
                if not any(r.year == year for r in plan.reports.all())
            ],
            "adopt_form": AdoptForm() if plan.is_editable else None,
            "new_version_form": NewVersionForm(prefix="version")
            if plan.status == PlanStatus.ADOPTED
            else None,
            "copy_form": CopyForwardForm(prefix="copy")
            if plan.status == PlanStatus.ADOPTED and Quarter.current().number == 4
            else None,
            "report_form": ReportForm(
                plan=plan, prefix="report", initial={"year": _report_year(plan)}
            )
            if plan.status != PlanStatus.DRAFT
            else None,
            "today": timezone.localdate(),
        },
    )


def _lineage(plan):
    """Every version of the plan, oldest first (back through ``previous``, forward through updates)."""
    root = plan
    while root.previous_id:
        root = OslPlan.objects.get(pk=root.previous_id)
    versions, frontier = [root], [root]
    while frontier:
        frontier = list(OslPlan.objects.filter(previous__in=frontier).order_by("version_number"))
        versions += frontier
    return versions


def _report_year(plan):
    year = timezone.localdate().year - 1
    return year if year in plan.report_years else plan.period_start.year


@require_POST
@permission_required("osl.adopt_oslplan", raise_exception=True)
def plan_adopt(request, pk):
    plan = _plan_or_404(pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages_for_errors(request, form)
        return redirect(plan)
    try:
        adopt(
            plan, form.cleaned_data["order_number"], form.cleaned_data["order_date"], request.user
        )
    except InvalidTransition:
        messages.error(request, _("Ten plan jest już przyjęty."))
        return redirect(plan)
    messages.success(
        request, _("Plan przyjęto zarządzeniem %(n)s.") % {"n": form.cleaned_data["order_number"]}
    )
    return redirect(plan)


@require_POST
@permission_required("osl.add_oslplan", raise_exception=True)
def plan_new_version(request, pk):
    plan = _plan_or_404(pk)
    if plan.status != PlanStatus.ADOPTED:
        messages.error(request, _("Aktualizuje się plan przyjęty."))
        return redirect(plan)
    copy_forward = "copy-conclusions" in request.POST
    form = (
        CopyForwardForm(request.POST, prefix="copy")
        if copy_forward
        else NewVersionForm(request.POST, prefix="version")
    )
    if not form.is_valid():
        messages_for_errors(request, form)
        return redirect(plan)
    if copy_forward:
        copy = new_version(
            plan,
            request.user,
            reason=_("Harmonogram na kolejny rok"),
            years=1,
            conclusions=form.cleaned_data["conclusions"],
        )
    else:
        copy = new_version(
            plan,
            request.user,
            reason=form.cleaned_data["reason"],
            summary=form.cleaned_data["summary"],
        )
    messages.success(
        request, _("Utworzono projekt nowej wersji planu; przyjęta wersja pozostaje bez zmian.")
    )
    return redirect(copy)


@permission_required("osl.add_community", raise_exception=True)
def community_edit(request, pk, community_pk=None):
    plan, stop = _draft_or_redirect(request, pk)
    if stop:
        return stop
    community = get_object_or_404(Community, pk=community_pk, plan=plan) if community_pk else None
    form = CommunityForm(request.POST or None, instance=community)
    if request.method == "POST" and form.is_valid():
        form.instance.plan = plan
        form.save()
        messages.success(request, _("Zapisano społeczność."))
        return redirect(plan)
    return render(request, "osl/community_form.html", {"form": form, "plan": plan})


@permission_required("osl.add_scheduleitem", raise_exception=True)
def item_edit(request, pk, item_pk=None):
    plan, stop = _draft_or_redirect(request, pk)
    if stop:
        return stop
    item = get_object_or_404(ScheduleItem, pk=item_pk, plan=plan) if item_pk else None
    initial = {}
    if not item and request.GET.get("community", "").isdigit():
        initial["community"] = request.GET["community"]
    form = ScheduleItemForm(request.POST or None, instance=item, plan=plan, initial=initial)
    indicators = IndicatorFormSet(request.POST or None, instance=form.instance, prefix="indicators")
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        with transaction.atomic():
            saved = form.save()
            indicators.instance = saved
            indicators.save()
        messages.success(request, _("Zapisano pozycję harmonogramu."))
        if "another" in request.POST:
            return redirect(f"{request.path}?community={saved.community_id or ''}")
        return redirect(plan)
    return render(
        request,
        "osl/item_form.html",
        {"form": form, "indicators": indicators, "plan": plan, "item": item},
    )


@require_GET
@permission_required("osl.view_scheduleitem", raise_exception=True)
def item_detail(request, pk):
    item = get_object_or_404(ScheduleItem.objects.select_related("plan", "community"), pk=pk)
    return render(
        request,
        "osl/item_detail.html",
        {
            "item": item,
            "indicators": list(item.indicators.all()),
            "activities": list(
                item.activities.select_related("created_by").prefetch_related("evidence")
            ),
        },
    )


@permission_required("osl.add_activity", raise_exception=True)
def activity_pick(request):
    """Which schedule item the activity belongs to (adopted plans), grouped by community."""
    items = (
        ScheduleItem.objects.filter(plan__status=PlanStatus.ADOPTED)
        .select_related("plan", "community")
        .order_by("plan__title", "community__name", "task")
    )
    return render(request, "osl/activity_pick.html", {"items": items})


@permission_required("osl.add_activity", raise_exception=True)
def activity_create(request, item_pk):
    item = get_object_or_404(
        ScheduleItem.objects.select_related("plan", "community"),
        pk=item_pk,
        plan__status=PlanStatus.ADOPTED,
    )
    can_see_people = request.user.has_perm("osl.view_volunteer")
    form = ActivityForm(
        request.POST or None, request.FILES or None, item=item, can_see_people=can_see_people
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity = form.save(commit=False)
            activity.item = item
            activity.stamp(request.user)
            activity.full_clean()
            activity.save()
            activity.partners.set(form.cleaned_data["partners"])
            hours = form.cleaned_data.get("volunteer_hours") or 0
            for volunteer in form.cleaned_data.get("volunteers") or []:
                VolunteerHours.objects.create(activity=activity, volunteer=volunteer, hours=hours)
            IndicatorValue.objects.bulk_create(
                [
                    IndicatorValue(activity=activity, indicator=i, value=v)
                    for i, v in form.indicator_values()
                ]
            )
            upload = form.cleaned_data.get("evidence")
            if upload:
                Evidence.objects.create(
                    activity=activity,
                    title=upload.name[:200],
                    document=StoredDocument.store(
                        upload.data,
                        kind=DocumentKind.SIGNED_SCAN,
                        title=_("Dowód realizacji: %(task)s") % {"task": item.task[:150]},
                        user=request.user,
                        content_type=upload.content_type,
                    ),
                )
        messages.success(request, _("Zapisano działanie: %(what)s.") % {"what": activity})
        if "another" in request.POST:
            return redirect("osl:activity-create", item_pk=item.pk)
        return redirect("osl:activity-pick")
    return render(request, "osl/activity_form.html", {"form": form, "item": item})


class ActivityListView(PermissionRequiredMixin, PagedListMixin, ListView):
    permission_required = "osl.view_activity"
    template_name = "osl/activity_list.html"

    def get_queryset(self):
        queryset = Activity.objects.for_list()
        plan = self.request.GET.get("plan", "")
        if plan.isdigit():
            queryset = queryset.filter(item__plan=plan)
        return queryset

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return xlsx_response(
                "dzialania-osl",
                [
                    (
                        _("Działania"),
                        [
                            _("Data"),
                            _("Plan"),
                            _("Społeczność"),
                            _("Zadanie"),
                            _("Miejsce"),
                            _("Opis"),
                            _("Uczestnicy"),
                            _("Dzieci"),
                            _("Młodzież"),
                            _("Dorośli"),
                            _("Seniorzy"),
                        ],
                        [
                            (
                                a.held_on,
                                str(a.item.plan),
                                a.item.community.name if a.item.community else str(_("cała gmina")),
                                a.item.task,
                                a.place,
                                a.description,
                                a.participants,
                                a.children,
                                a.youth,
                                a.adults,
                                a.seniors,
                            )
                            for a in self.get_queryset()[:50000]
                        ],
                    )
                ],
            )
        return super().get(request, *args, **kwargs)


@require_GET
@permission_required("osl.view_evidence", raise_exception=True)
def evidence_file(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("document", "activity"), pk=pk)
    return document_response(
        request, evidence.document, evidence.activity, filename=evidence.title or "dowod"
    )


@require_GET
@permission_required("osl.view_scheduleitem", raise_exception=True)
def plan_progress(request, pk):
    plan = _plan_or_404(pk)
    quarter = Quarter.parse(request.GET.get("q"))
    if quarter and quarter not in plan.quarters:
        quarter = None
    # A large plan has hundreds of items: the totals cover them all (cached), the table
    # shows them 25 at a time like every list.
    page = Paginator(
        plan.schedule_items.order_by("community__name", "area", "pk").values_list("pk", flat=True),
        25,
    ).get_page(request.GET.get("page"))
    items = item_progress(plan, quarter, pks=list(page.object_list))
    return render(
        request,
        "osl/plan_progress.html",
        {
            "plan": plan,
            "quarter": quarter,
            "items": items,
            "summary": cached_summary(plan, quarter),
            "quarters": plan.quarters,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
        },
    )


@require_GET
@permission_required("osl.view_oslplan", raise_exception=True)
def plan_pdf(request, pk):
    plan = get_object_or_404(OslPlan, pk=pk)
    items = list(plan.schedule_items.for_table())
    communities = list(plan.communities.all())
    quarters = plan.quarters
    context = {
        "plan": plan,
        "sections": list(plan.sections.all()),
        "swot": [
            (SwotKind(kind).label, [e for e in plan.swot.all() if e.kind == kind])
            for kind in SwotKind.values
        ],
        "communities": communities,
        "schedules": [(None, [i for i in items if i.community_id is None])]
        + [(c, [i for i in items if i.community_id == c.pk]) for c in communities],
        "quarters": quarters,
        "matrix": [
            (s, [s.component_codes if q.slug in s.quarters else "" for q in quarters])
            for s in plan.stages.all()
        ],
    }
    return pdf_response(render_pdf("pdf/osl_plan.html", context), f"plan-osl-{plan.pk}")


@require_GET
@permission_required("osl.view_scheduleitem", raise_exception=True)
def schedule_xlsx(request, pk):
    plan = get_object_or_404(OslPlan, pk=pk)
    rows = [
        (
            item.community.name if item.community else str(_("cała gmina")),
            item.get_area_display(),
            item.goal,
            item.task,
            item.method,
            item.implementers,
            str(item.timing),
            item.target_group,
            item.expected_participants,
            "; ".join(f"{i.name}: {i}" for i in item.indicators.all()),
            item.alternative,
        )
        for item in plan.schedule_items.for_table()
    ]
    return xlsx_response(
        f"harmonogram-osl-{plan.pk}",
        [
            (
                _("Harmonogram"),
                [
                    _("Społeczność"),
                    _("Obszar"),
                    _("Cel"),
                    _("Zadanie"),
                    _("Sposób realizacji"),
                    _("Realizatorzy"),
                    _("Termin"),
                    _("Grupa docelowa"),
                    _("Uczestnicy"),
                    _("Wskaźniki"),
                    _("Alternatywa"),
                ],
                rows,
            )
        ],
    )


@require_POST
@permission_required("osl.add_annualreport", raise_exception=True)
def report_create(request, pk):
    plan = _plan_or_404(pk)
    form = ReportForm(request.POST, plan=plan, prefix="report")
    if plan.status == PlanStatus.DRAFT or not form.is_valid():
        messages_for_errors(request, form)
        return redirect(plan)
    report = generate_report(
        plan, form.cleaned_data["year"], form.cleaned_data["narrative"], request.user
    )
    messages.success(request, _("Sporządzono sprawozdanie za %(year)d.") % {"year": report.year})
    return redirect(plan)


@require_GET
@permission_required("osl.view_annualreport", raise_exception=True)
def report_pdf(request, pk):
    report = get_object_or_404(AnnualReport.objects.select_related("document"), pk=pk)
    if report.document is None:
        raise Http404
    log_access(request, report.plan, AccessAction.PRINT)
    return pdf_response(report.document.read(), f"sprawozdanie-osl-{report.year}")


# --- Registries ----------------------------------------------------------------------

REGISTRIES = {
    # url part: (model, form, list title)
    "partners": (Partner, PartnerForm, _("Partnerzy")),
    "leaders": (Leader, LeaderForm, _("Liderzy lokalni")),
    "volunteers": (Volunteer, VolunteerForm, _("Wolontariusze")),
    "resources": (Resource, ResourceForm, _("Mapa zasobów i potencjałów")),
}


class RegistryMixin(PermissionRequiredMixin):
    registry = ""

    @property
    def model(self):
        return REGISTRIES[self.registry][0]

    def get_permission_required(self):
        action = "view" if isinstance(self, ListView) else "add"
        return [f"osl.{action}_{self.model._meta.model_name}"]

    def get_context_data(self, **kwargs):
        model_name, user = self.model._meta.model_name, self.request.user
        return super().get_context_data(
            registry=self.registry,
            title=REGISTRIES[self.registry][2],
            list_url=reverse(f"osl:{self.registry[:-1]}-list"),
            create_url=reverse(f"osl:{self.registry[:-1]}-create"),
            update_url_name=f"osl:{self.registry[:-1]}-update",
            # Readers (KIPUS, OUS, the director) see the registry without edit links they
            # could not open.
            can_add=user.has_perm(f"osl.add_{model_name}"),
            can_change=user.has_perm(f"osl.change_{model_name}"),
            **kwargs,
        )


class RegistryListView(RegistryMixin, ListView):
    template_name = "osl/registry_list.html"
    paginate_by = 100

    def get_queryset(self):
        queryset = self.model.objects.all()
        if self.model is Leader:
            queryset = queryset.select_related("community__plan")
        if self.model is Resource:
            queryset = queryset.select_related("community")
        return queryset

    def get_template_names(self):
        return ["osl/resource_map.html"] if self.model is Resource else [self.template_name]

    def get_context_data(self, **kwargs):
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        if self.model is Resource:
            context["tile_url"] = settings.CUS_MAP_TILE_URL
            context["markers"] = [
                {
                    "name": r.name,
                    "capital": r.get_capital_display(),
                    "lat": float(r.latitude),
                    "lon": float(r.longitude),
                    "address": r.address,
                }
                for r in context["object_list"]
                if r.latitude is not None
            ]
        return context


class RegistryCreateView(RegistryMixin, CreateView):
    template_name = "osl/registry_form.html"

    def get_form_class(self):
        return REGISTRIES[self.registry][1]

    def form_valid(self, form):
        form.instance.stamp(self.request.user)
        messages.success(self.request, _("Zapisano: %(object)s.") % {"object": form.instance})
        return super().form_valid(form)


class RegistryUpdateView(RegistryCreateView, UpdateView):
    def get_permission_required(self):
        return [f"osl.change_{self.model._meta.model_name}"]
