from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus import pesel, roles
from cus.documents import DocumentUploadField
from cus.models import User
from cus.versioning import VersionedFormMixin
from ipus.choices import FiledBy, LifeDomain, ServiceRowKind
from ipus.models import (
    AssessmentServiceRow,
    NeedsAssessment,
    Person,
    RefusalDecision,
    Request,
)
from services.models import Service

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("PESEL, nazwisko lub imię"), required=False, max_length=100)
    birth_date = forms.DateField(label=_("Data urodzenia"), required=False, widget=DATE)

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "").strip()


class PersonForm(VersionedFormMixin, forms.ModelForm):
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
            "birth_date": DATE,
            "gdpr_clause_given_on": DATE,
            "disability_note": forms.Textarea(attrs={"rows": 2}),
            "health": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"birth_date": _("Przy numerze PESEL wypełnia się sama.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = []
        self.helper = FormHelper()
        self.helper.form_tag = False
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


class RequestForm(forms.ModelForm):
    """A request as it arrives: when, how, from whom, for what; who coordinates it."""

    class Meta:
        model = Request
        fields = [
            "received_at",
            "channel",
            "filed_by",
            "filer_name",
            "filer_contact",
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
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("received_at"), Column("channel"), Column("coordinator")),
            Row(Column("filed_by"), Column("filer_name"), Column("filer_contact")),
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
        if not cleaned.get("requested_services") and not cleaned.get("requested_text"):
            self.add_error(
                "requested_text", _("Wskaż usługi z katalogu albo opisz, czego dotyczy wniosek.")
            )
        return cleaned


class OutcomeForm(forms.ModelForm):
    """Base of the outcome forms; every field listed is required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


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
    class Meta:
        model = RefusalDecision
        fields = ["decided_on", "legal_basis", "decision", "justification"]
        widgets = {
            "decided_on": DATE,
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "justification": forms.Textarea(attrs={"rows": 4}),
        }


class RefusalFollowUpForm(forms.ModelForm):
    """Delivery of the decision and the appeal, recorded as they happen."""

    class Meta:
        model = RefusalDecision
        fields = ["delivered_on", "appeal_filed_on", "appeal_result"]
        widgets = {
            "delivered_on": DATE,
            "appeal_filed_on": DATE,
            "appeal_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        delivered, appealed = cleaned.get("delivered_on"), cleaned.get("appeal_filed_on")
        if delivered and delivered < self.instance.decided_on:
            self.add_error("delivered_on", _("Doręczenie nie może być przed wydaniem decyzji."))
        if appealed and not delivered:
            self.add_error("delivered_on", _("Najpierw podaj datę doręczenia decyzji."))
        return cleaned


class AssessmentForm(VersionedFormMixin, forms.ModelForm):
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
        self.helper = FormHelper()
        self.helper.form_tag = False
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
        localized_fields = ["quantity"]
        widgets = {"quantity": forms.TextInput(attrs={"inputmode": "decimal", "size": 5})}

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
    NeedsAssessment, AssessmentServiceRow, form=AssessmentRowForm, extra=3, can_delete=True
)


class SignedScanForm(forms.Form):
    scan = DocumentUploadField(label=_("Skan podpisanej diagnozy"))
