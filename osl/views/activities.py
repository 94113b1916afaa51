"""The activity log: pick a schedule item, record what happened (volunteers, indicators, evidence),
the list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from cus.choices import DocumentKind
from cus.documents import document_response
from cus.exports import xlsx_response
from cus.models import StaleObjectError, StoredDocument
from cus.plurals import number
from cus.versioning import version_conflict
from cus.views import PagedListMixin
from osl.activities import outside_timing, reported_in
from osl.choices import PlanStatus
from osl.forms import ActivityDeleteForm, ActivityForm, VolunteerHoursFormSet
from osl.models import Activity, Evidence, IndicatorValue, ScheduleItem, VolunteerHours


@permission_required("osl.add_activity", raise_exception=True)
def activity_pick(request):
    """Which schedule item the activity belongs to (adopted plans), grouped by community."""
    items = (
        ScheduleItem.objects.filter(plan__status=PlanStatus.ADOPTED)
        .select_related("plan", "community")
        .order_by("plan__title", "community__name", "task")
    )
    return render(request, "osl/activity_pick.html", {"items": items})


def _save_activity(request, form, hours_formset, item):
    """Save the activity, its volunteers' hours, indicator values and evidence (one transaction)."""
    with transaction.atomic():
        activity = form.save(commit=False)
        activity.item = item
        activity.stamp(request.user)
        activity._change_reason = (form.cleaned_data.get("reason") or "").strip() or None
        activity.save_checked(form.cleaned_data.get("version"))
        activity.partners.set(form.cleaned_data["partners"])
        hours_formset.instance = activity
        hours_formset.save()
        values = dict(form.indicator_values())
        activity.values.exclude(indicator__in=list(values)).delete()
        for indicator, value in values.items():
            IndicatorValue.objects.update_or_create(
                activity=activity, indicator=indicator, defaults={"value": value}
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
    form.discard_kept_uploads()
    if outside_timing(item, activity.held_on):
        messages.warning(
            request,
            _(
                "Data %(day)s jest poza terminem zadania w harmonogramie (%(timing)s). "
                "Jeśli to pomyłka, popraw datę."
            )
            % {"day": f"{activity.held_on:%d.%m.%Y}", "timing": item.timing},
        )
    return activity


def _activity_form(request, item, activity=None):
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=activity,
        item=item,
        session=request.session,
    )
    hours = VolunteerHoursFormSet(
        request.POST or None, instance=activity or Activity(item=item), prefix="hours"
    )
    return form, hours


@permission_required("osl.add_activity", raise_exception=True)
def activity_create(request, item_pk):
    item = get_object_or_404(
        ScheduleItem.objects.select_related("plan", "community"),
        pk=item_pk,
        plan__status=PlanStatus.ADOPTED,
    )
    form, hours = _activity_form(request, item)
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        activity = _save_activity(request, form, hours, item)
        messages.success(request, _("Zapisano działanie: %(what)s.") % {"what": activity})
        if "another" in request.POST:
            return redirect("osl:activity-create", item_pk=item.pk)
        return redirect(activity)
    return render(request, "osl/activity_form.html", {"form": form, "hours": hours, "item": item})


def _editable(request, pk):
    return get_object_or_404(
        Activity.objects.editable_by(request.user).select_related("item__plan", "item__community"),
        pk=pk,
    )


@permission_required("osl.add_activity", raise_exception=True)
def activity_update(request, pk):
    activity = _editable(request, pk)
    form, hours = _activity_form(request, activity.item, activity)
    if (
        request.method == "POST"
        and form.is_valid()
        and hours.is_valid()
        and (not hours.has_changed() or form.require_reason())
    ):
        try:
            _save_activity(request, form, hours, activity.item)
        except StaleObjectError as stale:
            conflict = version_conflict(request, form, stale)
        else:
            messages.success(request, _("Poprawiono działanie: %(what)s.") % {"what": activity})
            return redirect(activity)
    else:
        conflict = {}
    return render(
        request,
        "osl/activity_form.html",
        {"form": form, "hours": hours, "item": activity.item, "activity": activity, **conflict},
    )


@permission_required("osl.add_activity", raise_exception=True)
def activity_delete(request, pk):
    """A confirmation page (with the reason once a report counted the activity), then delete."""
    activity = _editable(request, pk)
    form = ActivityDeleteForm(
        request.POST if request.method == "POST" else None,
        report=reported_in(activity, activity.held_on),
    )
    if request.method == "POST" and form.is_valid():
        what = str(activity)
        with transaction.atomic():
            activity._change_reason = form.cleaned_data["reason"].strip() or None
            activity.delete()
        messages.success(request, _("Usunięto działanie: %(what)s.") % {"what": what})
        return redirect("osl:activity-list")
    return render(request, "osl/activity_confirm_delete.html", {"activity": activity, "form": form})


@require_GET
def activity_detail(request, pk):
    """One activity, for readers of the log and for its author."""
    if not (
        request.user.has_perm("osl.view_activity") or request.user.has_perm("osl.add_activity")
    ):
        raise PermissionDenied
    activity = get_object_or_404(Activity.objects.visible_to(request.user).for_list(), pk=pk)
    return render(
        request,
        "osl/activity_detail.html",
        {
            "activity": activity,
            "hours": activity.volunteerhours_set.select_related("volunteer").order_by(
                "volunteer__name"
            ),
            "values": activity.values.select_related("indicator"),
            "partners": activity.partners.all(),
            "evidence": activity.evidence.all(),
            "history": _history(activity),
            "show_names": request.user.has_perm("osl.view_volunteer")
            or activity.created_by_id == request.user.pk,
            "can_edit": Activity.objects.editable_by(request.user).filter(pk=pk).exists(),
        },
    )


class ActivityListView(PermissionRequiredMixin, PagedListMixin, ListView):
    """The log: every activity for its readers, an animator's own for the animator."""

    permission_required = "osl.add_activity"
    template_name = "osl/activity_list.html"

    def has_permission(self):
        user = self.request.user
        return user.has_perm("osl.view_activity") or user.has_perm("osl.add_activity")

    def get_queryset(self):
        queryset = Activity.objects.visible_to(self.request.user).for_list()
        plan = self.request.GET.get("plan", "")
        if plan.isdigit():
            queryset = queryset.filter(item__plan=plan)
        return queryset

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return self.xlsx()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, own_only=not self.request.user.has_perm("osl.view_activity")
        )

    def xlsx(self):
        # Volunteers' names are personal data: only who may see the register (or the author,
        # who chose them) gets them; other readers get the number of volunteers and hours.
        user = self.request.user
        names = user.has_perm("osl.view_volunteer") or not user.has_perm("osl.view_activity")
        activities = self.get_queryset().prefetch_related(
            "partners",
            Prefetch(
                "volunteerhours_set",
                queryset=VolunteerHours.objects.select_related("volunteer").order_by(
                    "volunteer__name"
                ),
            ),
            Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator")),
        )
        headers = [
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
            _("Wolontariusze (godziny)") if names else _("Liczba wolontariuszy"),
            _("Godziny wolontariuszy"),
            _("Partnerzy"),
            _("Wskaźniki"),
            _("Zapisał(a)"),
        ]
        rows = (
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
                "; ".join(
                    f"{h.volunteer.name} ({number(h.hours)} h)" for h in a.volunteerhours_set.all()
                )
                if names
                else a.volunteers_count,
                a.volunteer_hours or 0,
                "; ".join(p.name for p in a.partners.all()),
                "; ".join(
                    f"{v.indicator.name}: {number(v.value)} {v.indicator.unit}"
                    for v in a.values.all()
                ),
                str(a.created_by or ""),
            )
            for a in activities[:50000]
        )
        return xlsx_response("dzialania-osl", [(_("Działania"), headers, rows)])


def _history(activity):
    """The activity's history, newest first, each entry with the names of the fields it changed."""
    records = list(
        activity.history.select_related("history_user").order_by("history_date", "history_id")
    )
    labels = {f.name: f.verbose_name for f in Activity._meta.fields}
    previous = None
    for record in records:
        record.changed = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=list(Activity.AUDIT_FIELDS))
            record.changed = [str(labels.get(name, name)) for name in delta.changed_fields]
        previous = record
    return records[::-1]


@require_GET
def evidence_file(request, pk):
    """The evidence file, for readers of evidence and for the activity's author."""
    if request.user.has_perm("osl.view_evidence"):
        evidence = Evidence.objects.all()
    elif request.user.has_perm("osl.add_activity"):
        evidence = Evidence.objects.filter(activity__created_by=request.user)
    else:
        raise PermissionDenied
    evidence = get_object_or_404(evidence.select_related("document", "activity"), pk=pk)
    return document_response(
        request, evidence.document, evidence.activity, filename=evidence.title or "dowod"
    )
