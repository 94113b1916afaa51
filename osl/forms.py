import re

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus.documents import JPEG, PDF, PNG, DocumentUploadField
from cus.forms import DATE, InlineFormMixin, RowsFormSet
from cus.uploads import KeptUploadsMixin
from cus.versioning import VersionedFormMixin
from ipus.models import HalfYearSummary
from osl.activities import reported_in
from osl.choices import Component, SupportKind
from osl.models import (
    Activity,
    Community,
    Indicator,
    Leader,
    OslPlan,
    Partner,
    PlanSection,
    Resource,
    ScheduleItem,
    Stage,
    SwotEntry,
    Volunteer,
    VolunteerHours,
)


class SlugListField(forms.CharField):
    """ "2024-Q1, 2024-Q3" → ["2024-Q1", "2024-Q3"], every part checked against ``pattern``."""

    def __init__(self, *args, pattern, example, **kwargs):
        self.pattern, self.example = re.compile(pattern), example
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def clean(self, value):
        text = super().clean(value) or ""
        parts = [part.strip() for part in re.split(r"[,;\s]+", text) if part.strip()]
        bad = [part for part in parts if not self.pattern.fullmatch(part)]
        if bad:
            raise forms.ValidationError(
                _("Niepoprawne: %(bad)s — podaj jak w przykładzie: %(example)s.")
                % {"bad": ", ".join(bad[:3]), "example": self.example}
            )
        return parts


QUARTERS = {"pattern": r"(20\d\d)-Q[1-4]", "example": "2024-Q1, 2024-Q2"}
MONTHS = {"pattern": r"(20\d\d)-(0[1-9]|1[0-2])", "example": "2023-11, 2023-12"}


class OslPlanForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    support_kinds = forms.MultipleChoiceField(
        label=_("Rodzaje działań wspierających"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = OslPlan
        fields = [
            "title",
            "period_start",
            "period_end",
            "main_goals",
            "support_kinds",
            "update_reason",
            "based_on_summary",
            "monitoring_conclusions",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "main_goals": forms.Textarea(attrs={"rows": 4}),
            "update_reason": forms.Textarea(attrs={"rows": 2}),
            "monitoring_conclusions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["based_on_summary"].queryset = HalfYearSummary.objects.all()
        self.fields["based_on_summary"].help_text = _(
            "Podsumowanie realizacji IPUS od OUS, na które powołuje się aktualizacja."
        )


class SectionForm(forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["order", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


SectionFormSet = forms.inlineformset_factory(
    OslPlan, PlanSection, form=SectionForm, formset=RowsFormSet, extra=1, can_delete=True
)
SwotFormSet = forms.inlineformset_factory(
    OslPlan,
    SwotEntry,
    fields=["kind", "text"],
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
)


class StageForm(forms.ModelForm):
    components = forms.MultipleChoiceField(
        label=_("Komponenty"),
        choices=Component.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    quarters = SlugListField(label=_("Kwartały (np. 2021-Q2, 2021-Q3)"), **QUARTERS)

    class Meta:
        model = Stage
        fields = ["order", "name", "operational_goals", "components", "quarters"]
        widgets = {"operational_goals": forms.Textarea(attrs={"rows": 2})}


StageFormSet = forms.inlineformset_factory(
    OslPlan, Stage, form=StageForm, formset=RowsFormSet, extra=1, can_delete=True
)


class CommunityForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Community
        fields = [
            "name",
            "kind",
            "boundaries",
            "description",
            "potential",
            "tools_so_far",
            "leaders_note",
            "baseline",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "boundaries",
                "description",
                "potential",
                "tools_so_far",
                "leaders_note",
                "baseline",
            )
        }


class ScheduleItemForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    quarters = SlugListField(label=_("Kwartały"), **QUARTERS)
    months = SlugListField(label=_("Miesiące"), **MONTHS)

    class Meta:
        model = ScheduleItem
        fields = [
            "community",
            "area",
            "goal",
            "task",
            "method",
            "implementers",
            "partners",
            "timing_kind",
            "frequency",
            "quarters",
            "months",
            "starts_on",
            "ends_on",
            "target_group",
            "expected_participants",
            "alternative",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "method": forms.Textarea(attrs={"rows": 2}),
            "alternative": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["community"].queryset = plan.communities.all()
        self.fields["community"].empty_label = _("cała gmina")
        self.helper.layout = Layout(
            Row(Column("community"), Column("area")),
            "task",
            Row(Column("goal"), Column("implementers")),
            "method",
            "partners",
            Fieldset(
                _("Termin"),
                Row(Column("timing_kind"), Column("frequency")),
                Row(Column("quarters"), Column("months")),
                Row(Column("starts_on"), Column("ends_on")),
            ),
            Row(Column("target_group"), Column("expected_participants")),
            "alternative",
            "version",
        )


IndicatorFormSet = forms.inlineformset_factory(
    ScheduleItem,
    Indicator,
    fields=["name", "target", "unit", "evidence"],
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
)


# Whole people, typed on a phone's numeric keypad.
COUNT = forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"})
COUNT_ERRORS = {
    "invalid": _("Podaj liczbę osób: liczbę całkowitą, np. 12."),
    "min_value": _("Liczba osób nie może być ujemna."),
}
COUNT_FIELDS = ("participants", "children", "youth", "adults", "seniors")


class ActivityForm(KeptUploadsMixin, InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    """Quick to fill on a phone: date, place, what, how many; indicator values below.

    A correction of an activity that an annual report already counted (at its old or new
    date) states its reason, kept in the history (``self.report`` is that report).
    """

    evidence = DocumentUploadField(
        label=_("Dowód (lista obecności, zdjęcie)"), required=False, content_types=(PDF, JPEG, PNG)
    )
    reason = forms.CharField(
        label=_("Powód zmiany"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    class Meta:
        model = Activity
        fields = [
            "held_on",
            "place",
            "description",
            *COUNT_FIELDS,
            "partners",
            "notes",
        ]
        widgets = {
            "held_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.CheckboxSelectMultiple,
            **dict.fromkeys(COUNT_FIELDS, COUNT),
        }
        error_messages = dict.fromkeys(COUNT_FIELDS, COUNT_ERRORS)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.instance.item = item
        self.reported_on = self.instance.held_on if self.instance.pk else None
        self.indicators = list(item.indicators.all())
        values = {}
        if self.instance.pk:
            values = {v.indicator_id: v.value for v in self.instance.values.all()}
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit})",
                min_value=0,
                max_digits=10,
                decimal_places=2,
                required=False,
                localize=True,
                initial=values.get(indicator.pk),
                # Typed by the OSL organizer: drawn escaped (templates/bootstrap5/layout/help_text.html).
                help_text=str(indicator),
            )
        if self.instance.pk:
            # The date's callable default adds a hidden "initial" input; a correction compares
            # with the saved date instead.
            self.fields["held_on"].show_hidden_initial = False
            self.fields["reason"].help_text = _(
                "Wymagany, gdy za okres działania złożono już sprawozdanie; zostaje w historii zmian."
            )
        else:  # a new activity logged late is listed in the next report without a reason
            del self.fields["reason"]

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Zapisuje się działanie, które się odbyło."))
        return held_on

    def clean(self):
        cleaned = super().clean()
        self.report = None
        if self.instance.pk:
            self.report = reported_in(self.instance, self.reported_on, cleaned.get("held_on"))
        if self.report and self.has_changed() and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("Za ten okres złożono już %(report)s: podaj powód zmiany.")
                % {"report": self.report},
            )
        return cleaned

    def require_reason(self):
        """A change elsewhere on the page (the volunteers' hours) after a report needs one too."""
        if self.report and not (self.cleaned_data.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("Za ten okres złożono już %(report)s: podaj powód zmiany.")
                % {"report": self.report},
            )
            return False
        return True

    def indicator_values(self):
        return [
            (indicator, self.cleaned_data.get(f"indicator_{indicator.pk}"))
            for indicator in self.indicators
            if self.cleaned_data.get(f"indicator_{indicator.pk}") is not None
        ]


class VolunteerHoursForm(forms.ModelForm):
    class Meta:
        model = VolunteerHours
        fields = ["volunteer", "hours"]
        localized_fields = ["hours"]
        widgets = {"hours": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        volunteer = self.instance.volunteer_id if self.instance.pk else None
        self.fields["volunteer"].queryset = Volunteer.objects.filter(
            models.Q(active=True) | models.Q(pk=volunteer)
        )
        self.fields["hours"].error_messages["invalid"] = _("Podaj liczbę godzin, np. 2,5.")


VolunteerHoursFormSet = forms.inlineformset_factory(
    Activity,
    VolunteerHours,
    form=VolunteerHoursForm,
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
)


class ActivityDeleteForm(forms.Form):
    """Deleting an activity: the reason, required once a report counted it."""

    reason = forms.CharField(
        label=_("Powód usunięcia"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["reason"].required = report is not None


class AdoptForm(InlineFormMixin, forms.Form):
    order_number = forms.CharField(label=_("Numer zarządzenia"), max_length=50)
    order_date = forms.DateField(label=_("Data zarządzenia"), widget=DATE)


class NewVersionForm(InlineFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Powód aktualizacji"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    summary = forms.ModelChoiceField(
        label=_("Na podstawie podsumowania IPUS (opcjonalnie)"),
        queryset=HalfYearSummary.objects.all(),
        required=False,
    )


class CopyForwardForm(InlineFormMixin, forms.Form):
    conclusions = forms.CharField(
        label=_("Wnioski z monitoringu bieżącego roku"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ReportForm(InlineFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Rok"), min_value=2000, max_value=2100)
    narrative = forms.CharField(
        label=_("Opis realizacji, wnioski i rekomendacje"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year not in self.plan.report_years:
            raise forms.ValidationError(_("Rok spoza okresu planu."))
        return year


class PartnerForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "contact", "cooperation", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class LeaderForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Leader
        fields = ["community", "name", "contact", "consent_on", "consent_scope", "notes"]
        widgets = {"consent_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Old leaders have no consent on record; a saved leader gets one.
        self.fields["consent_on"].required = True
        self.fields["consent_scope"].required = True


class VolunteerForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Volunteer
        fields = [
            "name",
            "contact",
            "consent_on",
            "consent_scope",
            "availability",
            "skills",
            "active",
        ]
        widgets = {"consent_on": DATE}


class ResourceForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["name", "capital", "community", "address", "latitude", "longitude", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


def quarter_choices(plan):
    return [(q.slug, q.label) for q in plan.quarters]
