from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cus.choices import DocumentKind
from cus.documents import PDF, DocumentUploadField
from cus.forms import DATE, InlineFormMixin, RowsFormSet
from cus.models import StoredDocument
from cus.versioning import VersionedFormMixin
from services.choices import Weekday
from services.models import Programme, ProgrammeEntry, ProgrammeGoal, Provider, Service
from services.validators import normalise_nip

CHECKBOXES = forms.CheckboxSelectMultiple


class ServiceForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    """A catalogue entry: what, for whom, where, when, at what fee, how much."""

    available_days = forms.TypedMultipleChoiceField(
        label=_("Dni dostępności"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-inline"}),
    )
    regulations_file = DocumentUploadField(
        label=_("Regulamin usługi (PDF)"), content_types=(PDF,), required=False
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "goal",
            "kind",
            "programme",
            "areas",
            "challenges",
            "target_groups",
            "providers",
            "place",
            "unit",
            "available_days",
            "available_from",
            "available_to",
            "availability_note",
            "is_free",
            "price_per_unit",
            "discount_rules",
            "capacity_units",
            "capacity_period",
            "capacity_persons",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "discount_rules": forms.Textarea(attrs={"rows": 2}),
            "areas": CHECKBOXES,
            "challenges": CHECKBOXES,
            "target_groups": CHECKBOXES,
            "providers": CHECKBOXES,
            "available_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "available_to": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        chosen = self.instance.pk and self.instance.providers.values("pk")
        providers = Provider.objects.filter(active=True)
        if chosen:
            providers = providers | Provider.objects.filter(pk__in=chosen)
        self.fields["providers"].queryset = providers.distinct()
        self.helper.layout = Layout(
            Fieldset(
                _("Usługa"),
                "name",
                "description",
                "goal",
                Row(Column("kind"), Column("programme")),
            ),
            Fieldset(
                _("Dla kogo i po co"),
                Row(
                    Column("areas", css_class="col-md-4"),
                    Column("challenges"),
                    Column("target_groups"),
                ),
            ),
            Fieldset(
                _("Kto, gdzie i kiedy"),
                "providers",
                Row(Column("place", css_class="col-md-8"), Column("unit")),
                "available_days",
                Row(
                    Column("available_from"),
                    Column("available_to"),
                    Column("availability_note", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Odpłatność"),
                Row(Column("is_free"), Column("price_per_unit")),
                "discount_rules",
            ),
            Fieldset(
                _("Limit (ile usług można przyznać)"),
                Row(
                    Column("capacity_units"), Column("capacity_period"), Column("capacity_persons")
                ),
            ),
            Fieldset(_("Dokumenty"), "regulations_file"),
            "version",
            Submit("save", _("Zapisz usługę"), css_class="btn-primary"),
        )

    @transaction.atomic  # a stale save (StaleObjectError) keeps no regulations either
    def save(self, commit=True):
        upload = self.cleaned_data.get("regulations_file")
        if upload:
            self.instance.regulations = StoredDocument.store(
                upload.data,
                kind=DocumentKind.FROZEN,
                title=f"Regulamin usługi: {self.instance.name}",
                user=self.user,
                content_type=upload.content_type,
            )
        return super().save(commit)


class ProviderForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Provider
        fields = [
            "name",
            "kind",
            "contracting_mode",
            "nip",
            "krs",
            "street",
            "postal_code",
            "town",
            "contact_person",
            "phone",
            "email",
            "active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset(
                _("Realizator"),
                "name",
                Row(Column("kind"), Column("contracting_mode")),
                Row(Column("nip"), Column("krs")),
            ),
            Fieldset(
                _("Adres i kontakt"),
                Row(Column("street", css_class="col-md-6"), Column("postal_code"), Column("town")),
                Row(Column("contact_person"), Column("phone"), Column("email")),
            ),
            "active",
            "version",
            Submit("save", _("Zapisz realizatora"), css_class="btn-primary"),
        )

    def clean_nip(self):
        return normalise_nip(self.cleaned_data["nip"])


class ProgrammeForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "resolution_number",
            "resolution_date",
            "period_start",
            "period_end",
            "main_goal",
            "fee_rules",
            "discounts",
        ]
        widgets = {
            "resolution_date": DATE,
            "period_start": DATE,
            "period_end": DATE,
            "main_goal": forms.Textarea(attrs={"rows": 2}),
            "fee_rules": forms.Textarea(attrs={"rows": 3}),
            "discounts": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "name",
            Row(Column("resolution_number"), Column("resolution_date")),
            Row(Column("period_start"), Column("period_end")),
            "main_goal",
            Row(Column("fee_rules"), Column("discounts")),
            "version",
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Koniec okresu nie może być przed jego początkiem."))
        return cleaned


ProgrammeGoalFormSet = forms.inlineformset_factory(
    Programme,
    ProgrammeGoal,
    fields=["number", "title", "results"],
    widgets={"results": forms.Textarea(attrs={"rows": 2})},
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
)


class ProgrammeEntryForm(InlineFormMixin, forms.ModelForm):
    """Add a service to a programme's table, for one target group."""

    class Meta:
        model = ProgrammeEntry
        fields = ["target_group", "service"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["service"].queryset = Service.objects.active()

    def validate_unique(self):
        try:
            self.instance.validate_unique()
        except forms.ValidationError:
            self.add_error(None, _("Ta usługa jest już w programie dla tej grupy."))
