import re

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus.documents import JPEG, PDF, PNG, DocumentUploadField
from cus.forms import DATE, InlineFormMixin, RowsFormSet
from cus.versioning import VersionedFormMixin
from ipus.models import HalfYearSummary
from osl.choices import Component, SupportKind
from osl.models import (
    Activity,
    Community,
    Indicator,
    Leader,
    OslPlan,
    Partner,
    PlanSection,
    ReportPeriod,
    Resource,
    ScheduleItem,
    Stage,
    SwotEntry,
    Volunteer,
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


class ActivityForm(InlineFormMixin, forms.ModelForm):
    """Quick to fill on a phone: date, place, what, how many; indicator values below."""

    volunteer_hours = forms.DecimalField(
        label=_("Godziny pracy każdego wolontariusza"),
        min_value=0,
        max_digits=5,
        decimal_places=1,
        required=False,
        localize=True,
    )
    volunteers = forms.ModelMultipleChoiceField(
        label=_("Wolontariusze"),
        queryset=Volunteer.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    evidence = DocumentUploadField(
        label=_("Dowód (lista obecności, zdjęcie)"), required=False, content_types=(PDF, JPEG, PNG)
    )

    class Meta:
        model = Activity
        fields = [
            "held_on",
            "place",
            "description",
            "participants",
            "children",
            "youth",
            "adults",
            "seniors",
            "partners",
            "notes",
        ]
        widgets = {
            "held_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, item, can_see_people=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.indicators = list(item.indicators.all())
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit})",
                min_value=0,
                max_digits=10,
                decimal_places=2,
                required=False,
                localize=True,
                # Typed by the OSL organizer: drawn escaped (templates/bootstrap5/layout/help_text.html).
                help_text=str(indicator),
            )
        if not can_see_people:
            del self.fields["volunteers"]
            del self.fields["volunteer_hours"]

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Zapisuje się działanie, które się odbyło."))
        return held_on

    def indicator_values(self):
        return [
            (indicator, self.cleaned_data.get(f"indicator_{indicator.pk}"))
            for indicator in self.indicators
            if self.cleaned_data.get(f"indicator_{indicator.pk}") is not None
        ]


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


OTHER_PERIOD = "other"


class ReportForm(InlineFormMixin, forms.Form):
    """The report's period (a plan year, or another period inside the plan) and its text."""

    period = forms.ChoiceField(label=_("Okres sprawozdania"))
    period_start = forms.DateField(label=_("Inny okres: od"), widget=DATE, required=False)
    period_end = forms.DateField(label=_("Inny okres: do"), widget=DATE, required=False)
    narrative = forms.CharField(
        label=_("Opis realizacji, wnioski i rekomendacje"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["period"].choices = [
            (p.slug, _("rok planu %(period)s") % {"period": p}) for p in plan.report_periods
        ] + [(OTHER_PERIOD, _("inny okres (podaj daty poniżej)"))]
        self.helper.layout = Layout(
            "period", Row(Column("period_start"), Column("period_end")), "narrative"
        )

    def clean(self):
        data = super().clean()
        choice = data.get("period")
        if choice and choice != OTHER_PERIOD:
            data["report_period"] = ReportPeriod.parse(choice)
            return data
        start, end = data.get("period_start"), data.get("period_end")
        if choice == OTHER_PERIOD and not (start and end):
            for name in ("period_start", "period_end"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Podaj obie daty innego okresu."))
            return data
        if choice == OTHER_PERIOD:
            if end < start:
                self.add_error("period_end", _("Koniec okresu nie może być przed jego początkiem."))
            elif start < self.plan.period_start or end > self.plan.period_end:
                self.add_error(
                    "period_end",
                    _("Okres sprawozdania musi mieścić się w okresie planu (%(from)s–%(to)s).")
                    % {
                        "from": f"{self.plan.period_start:%d.%m.%Y}",
                        "to": f"{self.plan.period_end:%d.%m.%Y}",
                    },
                )
            else:
                data["report_period"] = ReportPeriod(start, end)
        return data


class ReportCorrectionForm(InlineFormMixin, forms.Form):
    """A corrected version of a report: the same period, the text again (numbers recounted)."""

    narrative = forms.CharField(
        label=_("Opis realizacji, wnioski i rekomendacje (wersja poprawiona)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PartnerForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "contact", "cooperation", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class LeaderForm(InlineFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Leader
        fields = ["community", "name", "contact", "notes"]


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
