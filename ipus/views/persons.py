"""Residents: search before create, the record, its edit form and the subject-access export."""

import json

from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from cus.access import AccessLogMixin, log_access
from cus.choices import AccessAction
from cus.models import AccessLog
from cus.versioning import VersionConflictMixin
from cus.views import AuditedFormMixin, PagedListMixin
from ipus.forms import PersonForm, PersonSearchForm
from ipus.models import Person, Plan, Request


class PersonSearchView(PermissionRequiredMixin, AccessLogMixin, PagedListMixin, ListView):
    """Search before create: by PESEL, name or birth date; a new person only after a search.
    Each person a page of results shows is written to the access log."""

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


class PersonUpdateView(
    PermissionRequiredMixin, AccessLogMixin, AuditedFormMixin, VersionConflictMixin, UpdateView
):
    """The record's edit form: it shows the whole record, so drawing it is a logged read."""

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
            # Every read of the person's data, whichever record was read.
            for row in AccessLog.objects.for_person(person.pk).select_related("user")[:1000]
        ],
    }
    log_access(request, person, AccessAction.EXPORT)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="dane-osoby-{person.pk}.json"'
    return response
