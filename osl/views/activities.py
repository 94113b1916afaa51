"""The activity log: pick a schedule item, record what happened (volunteers, indicators, evidence),
the list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from cus.choices import DocumentKind
from cus.documents import document_response
from cus.exports import xlsx_response
from cus.models import StoredDocument
from cus.views import PagedListMixin
from osl.choices import PlanStatus
from osl.forms import ActivityForm
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
