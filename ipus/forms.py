from datetime import timedelta

from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cus import law, pesel, roles
from cus.dates import month_start
from cus.documents import DocumentUploadField
from cus.forms import DATE, InlineFormMixin, RowsFormSet
from cus.models import User
from cus.versioning import VersionedFormMixin
from cus.widgets import DecimalInput
from ipus.capacity import capacity_for_item, overbooked_message
from ipus.choices import DecisionDeliveryChannel, FiledBy, LifeDomain, ServiceRowKind
from ipus.models import (
    AssessmentServiceRow,
    HalfYearSummary,
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
from ipus.schedule import Per
from services.models import Provider, Service


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("PESEL, nazwisko lub imię"), required=False, max_length=100)
    birth_date = forms.DateField(label=_("Data urodzenia"), required=False, widget=DATE)

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "").strip()


class PersonForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    """A resident's data; warns about likely duplicates before a new record is made."""

    confirm_new = forms.BooleanField(
        label=_("Sprawdziłem(-am): to nowa osoba, nie żadna z podobnych powyżej"), required=False
    )

    class Meta:
        model = Person
        fields = [
            "pesel",
            "first_name",
            "last_name",
            "id_document_type",
            "id_document_number",
            "birth_date",
            "street",
            "building",
            "flat",
            "postal_code",
            "town",
            "phone",
            "email",
            "occupation",
            "employment",
            "marital_status",
            "household_size",
            "disability",
            "disability_note",
            "health",
            "previous_social_assistance",
            "gdpr_clause_given_on",
        ]
        widgets = {
            # static/js/cus.js fills the birth date from a valid PESEL as it is typed.
            "pesel": forms.TextInput(attrs={"data-birth-date": "id_birth_date"}),
            "birth_date": DATE,
            "gdpr_clause_given_on": DATE,
            "disability_note": forms.Textarea(attrs={"rows": 2}),
            "health": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"birth_date": _("Przy numerze PESEL wypełnia się sama.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = []
        self.helper.layout = Layout(
            Fieldset(
                _("Tożsamość"),
                Row(Column("pesel"), Column("first_name"), Column("last_name")),
                Row(Column("id_document_type"), Column("id_document_number"), Column("birth_date")),
            ),
            Fieldset(
                _("Adres i kontakt"),
                Row(Column("street", css_class="col-md-5"), Column("building"), Column("flat")),
                Row(Column("postal_code"), Column("town"), Column("phone"), Column("email")),
            ),
            Fieldset(
                _("Sytuacja"),
                Row(
                    Column("occupation"),
                    Column("employment"),
                    Column("marital_status"),
                    Column("household_size"),
                ),
                Row(Column("previous_social_assistance"), Column("gdpr_clause_given_on")),
            ),
            Fieldset(
                _("Zdrowie i niepełnosprawność (dane szczególnej kategorii)"),
                Row(Column("disability"), Column("disability_note", css_class="col-md-8")),
                "health",
            ),
            "version",
            "confirm_new",
            Submit("save", _("Zapisz osobę"), css_class="btn-primary"),
        )
        if self.instance.pk:
            del self.fields["confirm_new"]
            self.helper.layout.fields.remove("confirm_new")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors:
            return cleaned
        birth_date = cleaned.get("birth_date")
        if cleaned.get("pesel"):
            birth_date = pesel.decode(cleaned["pesel"]).birth_date  # the field validated it
        candidate = Person(
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
            town=cleaned.get("town", ""),
            birth_date=birth_date,
        )
        self.duplicates = list(Person.objects.likely_duplicates(candidate)[:10])
        if self.duplicates and not cleaned.get("confirm_new"):
            self.add_error(
                "confirm_new",
                _("W rejestrze są osoby o podobnych danych. Sprawdź, czy to nie ta sama osoba."),
            )
        return cleaned


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RequestForm(InlineFormMixin, forms.ModelForm):
    """A request as it arrives: when, how, from whom, for what; who coordinates it."""

    class Meta:
        model = Request
        fields = [
            "received_at",
            "channel",
            "filed_by",
            "filer_name",
            "filer_contact",
            "filer_authority",
            "requested_services",
            "requested_text",
            "coordinator",
        ]
        widgets = {
            "received_at": DATETIME,
            "requested_services": forms.CheckboxSelectMultiple,
            "requested_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_services"].queryset = Service.objects.active()
        self.fields["coordinator"].queryset = User.objects.filter(
            groups__name=roles.KIPUS, is_active=True
        ).order_by("last_name", "first_name")
        self.helper.layout = Layout(
            Row(Column("received_at"), Column("channel"), Column("coordinator")),
            Row(Column("filed_by"), Column("filer_name"), Column("filer_contact")),
            "filer_authority",
            "requested_services",
            "requested_text",
            Submit("save", _("Zapisz wniosek"), css_class="btn-primary"),
        )

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at and received_at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("Data wpływu nie może być z przyszłości."))
        return received_at

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("filed_by")
            and cleaned["filed_by"] != FiledBy.PERSON
            and not cleaned.get("filer_name")
        ):
            self.add_error("filer_name", _("Podaj, kto złożył wniosek w imieniu osoby."))
        if cleaned.get("filed_by") == FiledBy.PERSON and cleaned.get("filer_authority"):
            self.add_error(
                "filer_authority",
                _("Dokument umocowania podaje się, gdy wniosek składa przedstawiciel osoby."),
            )
        if not cleaned.get("requested_services") and not cleaned.get("requested_text"):
            self.add_error(
                "requested_text", _("Wskaż usługi z katalogu albo opisz, czego dotyczy wniosek.")
            )
        return cleaned


class OutcomeForm(InlineFormMixin, forms.ModelForm):
    """Base of the outcome forms; every field listed is required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


class HandOffForm(OutcomeForm):
    class Meta:
        model = Request
        fields = ["handoff_to", "handoff_recipient", "handoff_what", "handoff_consent_on"]
        widgets = {"handoff_consent_on": DATE, "handoff_what": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"handoff_consent_on": _("Przekazanie tylko za zgodą osoby.")}


class InformationForm(OutcomeForm):
    class Meta:
        model = Request
        fields = ["information_given", "referred_to"]
        widgets = {"information_given": forms.Textarea(attrs={"rows": 2})}


class WithdrawForm(OutcomeForm):
    class Meta:
        model = Request
        fields = ["withdrawal_reason"]
        widgets = {"withdrawal_reason": forms.Textarea(attrs={"rows": 2})}


class RefusalForm(OutcomeForm):
    """The coordinator prepares the decision; the director or an authorised employee issues it."""

    class Meta:
        model = RefusalDecision
        fields = ["legal_basis", "decision", "justification"]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "justification": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "legal_basis": _(
                "Przepisy w mianowniku, po jednym w wierszu (decyzja drukuje je po "
                "„Podstawa prawna:”), np. „ustawa z dnia …, art. …”."
            ),
        }


class RefusalFollowUpForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    """Delivery of the issued decision (channel, date, receipt) and the appeal, as they happen."""

    receipt_file = DocumentUploadField(
        label=_("Potwierdzenie doręczenia (UPO, zwrotka, pokwitowanie)"), required=False
    )

    class Meta:
        model = RefusalDecision
        fields = [
            "delivery_channel",
            "delivery_address",
            "delivered_on",
            "appeal_filed_on",
            "appeal_result",
        ]
        widgets = {
            "delivered_on": DATE,
            "appeal_filed_on": DATE,
            "appeal_result": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("delivery_channel")
        delivered, appealed = cleaned.get("delivered_on"), cleaned.get("appeal_filed_on")
        decided_on = self.instance.decided_on
        if delivered and decided_on and delivered < decided_on:
            self.add_error("delivered_on", _("Doręczenie nie może być przed wydaniem decyzji."))
        if delivered and delivered > timezone.localdate():
            self.add_error("delivered_on", _("Data doręczenia nie może być z przyszłości."))
        if delivered and not channel:
            self.add_error("delivery_channel", _("Podaj, jak doręczono decyzję."))
        if channel == DecisionDeliveryChannel.E_DELIVERY and not cleaned.get("delivery_address"):
            self.add_error(
                "delivery_address",
                _("Przy e-Doręczeniach podaj adres do doręczeń elektronicznych strony."),
            )
        if delivered and not cleaned.get("receipt_file") and not self.instance.receipt_id:
            self.add_error(
                "receipt_file",
                _(
                    "Dołącz potwierdzenie doręczenia (UPO z e-Doręczeń, zwrotne potwierdzenie "
                    "odbioru albo pokwitowanie): od niego biegnie termin na odwołanie."
                ),
            )
        if appealed and not delivered:
            self.add_error("delivered_on", _("Najpierw podaj datę doręczenia decyzji."))
        if appealed and delivered and appealed < delivered:
            self.add_error("appeal_filed_on", _("Odwołanie nie może być przed doręczeniem."))
        return cleaned


class AssessmentForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    """The needs assessment, in sections; rows of services come from AssessmentRowFormSet."""

    problem_areas = forms.MultipleChoiceField(
        label=_("Obszary problemów"),
        choices=LifeDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NeedsAssessment
        fields = [
            "assessed_on",
            "place",
            "place_note",
            "problem_areas",
            "problems",
            "readiness",
            "readiness_note",
            "coordinator_assessment",
            "fee_information_given",
            "notes",
        ]
        widgets = {
            "assessed_on": DATE,
            "problems": forms.Textarea(attrs={"rows": 4}),
            "coordinator_assessment": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True

    def check_complete(self, rows):
        """What a finished assessment needs; adds the errors and says whether it is complete."""
        data = self.cleaned_data
        if not data.get("problems"):
            self.add_error("problems", _("Opisz problemy i potrzeby osoby."))
        if not data.get("coordinator_assessment"):
            self.add_error("coordinator_assessment", _("Oceń, czy usługi są zasadne i możliwe."))
        if not data.get("fee_information_given"):
            self.add_error("fee_information_given", _("Przekaż osobie informację o odpłatności."))
        if not any(
            row.cleaned_data.get("kind") == ServiceRowKind.WANTED
            and not row.cleaned_data.get("DELETE")
            for row in rows.forms
            if row.has_changed() and row.is_valid()
        ):
            self.add_error(
                None, _("Dodaj co najmniej jedną usługę, z której osoba chciałaby skorzystać.")
            )
        return not self.errors


class AssessmentRowForm(forms.ModelForm):
    class Meta:
        model = AssessmentServiceRow
        fields = ["kind", "service", "free_text", "unit", "quantity", "frequency"]
        widgets = {
            "quantity": DecimalInput(attrs={"size": 5}),
            # Wrapped, not cut: "chciałby skorzystać z…" is read whole.
            "free_text": forms.Textarea(attrs={"rows": 2}),
            "frequency": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.active()
        self.fields["kind"].initial = ServiceRowKind.WANTED

    def clean(self):
        cleaned = super().clean()
        described = cleaned.get("service") or cleaned.get("free_text")
        if self.has_changed() and not cleaned.get("DELETE") and not described:
            self.add_error("free_text", _("Wybierz usługę z katalogu albo ją opisz."))
        return cleaned


AssessmentRowFormSet = forms.inlineformset_factory(
    NeedsAssessment,
    AssessmentServiceRow,
    form=AssessmentRowForm,
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
)


class SignedScanForm(forms.Form):
    scan = DocumentUploadField(label=_("Skan podpisanej diagnozy"))


# --- Plans (IPUS) -------------------------------------------------------------------


MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class PlanVersionForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    """What the plan (or an annex) says besides its items: period, goals, cadence, attachments."""

    class Meta:
        model = PlanVersion
        fields = [
            "reason",
            "reason_text",
            "in_force_from",
            "drawn_up_on",
            "valid_from",
            "valid_to",
            "expected_improvement",
            "monitoring_every_months",
            "quality_check_every_months",
            "attachments",
        ]
        widgets = {
            "drawn_up_on": DATE,
            "valid_from": DATE,
            "valid_to": DATE,
            "in_force_from": DATE,
            "expected_improvement": forms.Textarea(attrs={"rows": 4}),
            "reason_text": forms.Textarea(attrs={"rows": 3}),
            "attachments": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "valid_to": lazy(
                lambda: (
                    _("Plan obejmuje od %(shortest)s do %(longest)s.")
                    % {
                        "shortest": law.months_genitive(law.value("ipus_min_months")),
                        "longest": law.months_genitive(law.value("ipus_max_months")),
                    }
                ),
                str,
            )(),
            "monitoring_every_months": lazy(
                lambda: (
                    _("Co najmniej raz na %(period)s.")
                    % {"period": law.period("monitoring_every_months")}
                ),
                str,
            )(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        annex = self.instance.number > 0
        layout = []
        if annex:
            self.fields["reason"].required = True
            self.fields["in_force_from"].required = True
            # An annex updates the plan within its year; the start stays as agreed.
            self.fields["valid_from"].disabled = True
            layout.append(
                Fieldset(
                    _("Aktualizacja"),
                    Row(Column("reason"), Column("in_force_from")),
                    "reason_text",
                )
            )
        else:
            for name in ("reason", "reason_text", "in_force_from"):
                del self.fields[name]
        layout += [
            Fieldset(
                _("Okres i cele"),
                Row(Column("drawn_up_on"), Column("valid_from"), Column("valid_to")),
                "expected_improvement",
            ),
            Fieldset(
                _("Monitorowanie i załączniki"),
                Row(Column("monitoring_every_months"), Column("quality_check_every_months")),
                "attachments",
            ),
            "version",
        ]
        self.helper.layout = Layout(*layout)


def guess_per(frequency):
    """The assessment's free-text frequency ("tygodniowo", "2 x w miesiącu") as a Per value."""
    text = (frequency or "").lower()
    if "tyg" in text:
        return Per.WEEK
    if "rok" in text or "roku" in text or "rocz" in text:
        return Per.YEAR
    return Per.MONTH


class PlanItemForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    """A row of the plan; refuses a full service unless waiting-listed or overridden by the OUS."""

    class Meta:
        model = PlanItem
        fields = [
            "service",
            "provider",
            "starts_on",
            "ends_on",
            "quantity",
            "per",
            "cap",
            "cap_per",
            "max_hours",
            "scope",
            "place",
            "fee_per_unit",
            "discount_percent",
            "waiting",
            "override_reason",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "scope": forms.Textarea(attrs={"rows": 2}),
            "override_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "cap": _("Np. „max. 6 w roku”: limit 6, okres „w roku”."),
            "max_hours": _("Np. „po max 2 godziny”."),
            "waiting": _("Gdy brak miejsc: pozycja czeka w kolejności złożenia wniosku."),
            "override_reason": _("Tylko OUS: przyznanie mimo braku miejsc, z uzasadnieniem."),
        }

    def __init__(self, *args, version, user, capacity_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.version, self.user = version, user
        self.instance.version = version
        self.can_override = user.has_perm("ipus.override_capacity")
        self.fields["service"].queryset = Service.objects.active().order_by("name")
        self.fields["provider"].queryset = Provider.objects.active().order_by("name")
        self.fields["provider"].required = False
        if not self.can_override:
            del self.fields["override_reason"]
        self.capacity = None
        watch = {}
        if capacity_url:
            watch = {
                "hx-get": capacity_url,
                "hx-target": "#capacity",
                "hx-include": "[name=service],[name=starts_on],[name=ends_on]",
                "hx-trigger": "change",
            }
        for name in ("service", "starts_on", "ends_on"):
            self.fields[name].widget.attrs.update(watch)
        self.helper.layout = Layout(
            Row(Column("service", css_class="col-md-6"), Column("provider", css_class="col-md-6")),
            Row(Column("starts_on"), Column("ends_on")),
            HTML(
                '<div id="capacity" aria-live="polite">{% include "ipus/includes/_capacity.html" %}</div>'
            ),
            Fieldset(
                _("Harmonogram"),
                Row(
                    Column("quantity"),
                    Column("per"),
                    Column("cap"),
                    Column("cap_per"),
                    Column("max_hours"),
                ),
            ),
            Row(Column("scope", css_class="col-md-8"), Column("place", css_class="col-md-4")),
            Row(Column("fee_per_unit"), Column("discount_percent")),
            "waiting",
            *(["override_reason"] if self.can_override else []),
            "edit_version",
        )

    def clean(self):
        cleaned = super().clean()
        service = cleaned.get("service")
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if self.errors or not (service and start and end):
            return cleaned
        item = self.instance
        if cleaned.get("waiting"):
            return cleaned
        if item.pk and item.waiting:
            earlier = (
                PlanItem.objects.waiting_list()
                .filter(service=service)
                .exclude(version__plan=self.version.plan_id)
                .filter(
                    version__plan__request__received_at__lt=self.version.plan.request.received_at
                )
                .count()
            )
            if earlier and not cleaned.get("override_reason"):
                self.add_error(
                    "waiting",
                    _(
                        "Na liście oczekujących do tej usługi są wcześniej złożone wnioski (%(n)d): miejsce przysługuje najpierw im."
                    )
                    % {"n": earlier},
                )
                return cleaned
        probe = PlanItem(
            version=self.version,
            service=service,
            starts_on=start,
            ends_on=end,
            quantity=cleaned.get("quantity") or 0,
            per=cleaned.get("per") or Per.MONTH,
            cap=cleaned.get("cap"),
            cap_per=cleaned.get("cap_per") or "",
        )
        if not probe.quantity:
            return cleaned
        self.capacity = capacity_for_item(
            service, start, end, self.version, item.pk, needed=dict(probe.monthly_units())
        )
        if self.capacity is not None:
            self.capacity["unit"] = service.unit_forms  # the hint counts in the service's unit
        if (
            self.capacity is None
            or not self.capacity["over"]
            or cleaned.get("override_reason", "").strip()
        ):
            return cleaned
        for row in self.capacity["over"]:
            self.add_error(None, overbooked_message(service, row))
        self.add_error(
            None,
            _(
                "Zaznacz „na liście oczekujących” albo poproś OUS o przyznanie ponad limit z uzasadnieniem."
            ),
        )
        return cleaned

    def save(self, commit=True):
        item = self.instance
        if item.override_reason.strip():
            item.override_by = item.override_by or self.user
        else:
            item.override_by = None
        return super().save(commit)


class NoteForm(InlineFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class ReturnForm(InlineFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Co poprawić"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class SignedCopyForm(InlineFormMixin, forms.Form):
    """The signed contract coming back: a scan, or a PDF signed electronically."""

    SCAN, E_SIGNED = "scan", "e_signed"
    kind = forms.ChoiceField(
        label=_("Rodzaj"),
        choices=[
            (SCAN, _("skan podpisanego wydruku (PDF, JPEG, PNG)")),
            (E_SIGNED, _("PDF podpisany elektronicznie (kwalifikowany, podpis zaufany)")),
        ],
        widget=forms.RadioSelect,
        initial=SCAN,
    )
    document = DocumentUploadField(label=_("Plik"))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("document")
        if (
            upload
            and cleaned.get("kind") == self.E_SIGNED
            and upload.content_type != "application/pdf"
        ):
            self.add_error("document", _("Dokument podpisany elektronicznie musi być plikiem PDF."))
        return cleaned


class TerminateForm(InlineFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Powód przerwania"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ClosureForm(InlineFormMixin, forms.ModelForm):
    """Zakończenie realizacji IPUS: the closing conversation and the description of the course."""

    class Meta:
        model = Plan
        fields = [
            "closing_conversation_on",
            "closing_notes",
            "course_description",
            "results_description",
        ]
        widgets = {
            "closing_conversation_on": DATE,
            "closing_notes": forms.Textarea(attrs={"rows": 3}),
            "course_description": forms.Textarea(attrs={"rows": 5}),
            "results_description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True

    def clean_closing_conversation_on(self):
        day = self.cleaned_data["closing_conversation_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Rozmowa nie może mieć daty z przyszłości."))
        return day


class MonitoringContactForm(InlineFormMixin, forms.ModelForm):
    class Meta:
        model = MonitoringContact
        fields = [
            "contacted_on",
            "mode",
            "notes",
            "satisfaction",
            "problem",
            "problem_service",
            "problem_description",
        ]
        widgets = {
            "contacted_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "problem_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        services = plan.current_version.items.values("service")
        self.fields["problem_service"].queryset = Service.objects.filter(pk__in=services)
        self.fields["satisfaction"].widget = forms.Select(
            choices=[("", "—")] + [(n, str(n)) for n in range(1, 6)]
        )
        self.helper.layout = Layout(
            Row(Column("contacted_on"), Column("mode"), Column("satisfaction")),
            "notes",
            Row(Column("problem"), Column("problem_service")),
            "problem_description",
        )


class DeliveryForm(InlineFormMixin, forms.Form):
    """Units of one plan line in one month (replaces what was entered for that month)."""

    line = forms.ChoiceField(label=_("Usługa"))
    month = forms.DateField(label=_("Miesiąc"), input_formats=["%Y-%m"], widget=MONTH)
    units = forms.DecimalField(
        label=_("Zrealizowano jednostek"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
    )
    note = forms.CharField(label=_("Uwagi"), required=False, max_length=255)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {str(item.line_id_or_self): item for item in items}
        self.fields["line"].choices = [
            (key, f"{item.service.name} — {item.schedule}") for key, item in self.items.items()
        ]
        self.helper.layout = Layout(
            Row(
                Column("line", css_class="col-md-5"),
                Column("month"),
                Column("units"),
                Column("note"),
            )
        )

    def clean(self):
        cleaned = super().clean()
        item, month = self.items.get(cleaned.get("line")), cleaned.get("month")
        if item and month:
            if not (month_start(item.starts_on) <= month <= item.ends_on):
                self.add_error("month", _("Ten miesiąc jest poza okresem usługi w planie."))
            elif month > timezone.localdate():
                self.add_error("month", _("Nie można wpisać realizacji za przyszły miesiąc."))
            cleaned["item"] = item
        return cleaned


class DeliveryImportForm(InlineFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Plik CSV od realizatora"),
        help_text=_(
            "Kolumny: numer_ipus;lp;miesiac;jednostki (miesiąc jako RRRR-MM, jednostki z przecinkiem "
            "lub kropką). Pierwszy wiersz to nagłówek. Plik wczytuje się w całości albo wcale."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Plik jest za duży (najwięcej 2 MB)."))
        data = upload.read()
        for encoding in ("utf-8-sig", "cp1250"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("Nie udało się odczytać pliku: zapisz go jako CSV w UTF-8."))


class PlanItemCapacityQuery(forms.Form):
    """The htmx capacity hint's query string."""

    service = forms.ModelChoiceField(queryset=Service.objects.all())
    starts_on = forms.DateField()
    ends_on = forms.DateField()
    item = forms.IntegerField(required=False, min_value=1)


# --- Oversight ----------------------------------------------------------------------


class ReviewMeetingForm(InlineFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewMeeting
        fields = [
            "held_on",
            "coordinators",
            "invited_providers",
            "provider_representatives",
            "agenda",
            "notes",
        ]
        widgets = {
            "held_on": DATE,
            "coordinators": forms.CheckboxSelectMultiple,
            "invited_providers": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinators"].queryset = User.objects.filter(
            groups__name=roles.KIPUS, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["invited_providers"].queryset = Provider.objects.active().order_by("name")


class MeetingActionForm(forms.ModelForm):
    class Meta:
        model = MeetingAction
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            User.objects.filter(
                groups__name__in=[roles.KIPUS, roles.OUS, roles.DIRECTOR, roles.OSL], is_active=True
            )
            .distinct()
            .order_by("last_name", "first_name")
        )


MeetingActionFormSet = forms.inlineformset_factory(
    ReviewMeeting,
    MeetingAction,
    form=MeetingActionForm,
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
)


class HalfYearSummaryForm(InlineFormMixin, forms.ModelForm):
    class Meta:
        model = HalfYearSummary
        fields = ["effectiveness", "directions"]
        widgets = {
            "effectiveness": forms.Textarea(attrs={"rows": 6}),
            "directions": forms.Textarea(attrs={"rows": 6}),
        }
