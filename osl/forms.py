import re

from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus.documents import JPEG, PDF, PNG, XLSX, DocumentUploadField
from cus.forms import DATE, InlineFormMixin, RowsFormSet
from cus.markup import HELP as MARKUP_HELP
from cus.uploads import KeptUploadsMixin
from cus.versioning import VersionedFormMixin
from ipus.models import HalfYearSummary
from osl.activities import reported_in
from osl.choices import Component, IndicatorKind, ParticipantsBasis, SupportKind, TimingKind
from osl.models import (
    Activity,
    Community,
    Indicator,
    Leader,
    OslPlan,
    Partner,
    PlanGoal,
    PlanSection,
    ReportPeriod,
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
            "support_kinds",
            "update_reason",
            "based_on_summary",
            "monitoring_conclusions",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "update_reason": forms.Textarea(attrs={"rows": 2}),
            "monitoring_conclusions": forms.Textarea(attrs={"rows": 3}),
        }

    # What only an update (a version after the first) says about itself.
    UPDATE_FIELDS = ("update_reason", "based_on_summary", "monitoring_conclusions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.previous_id:
            for name in self.UPDATE_FIELDS:
                del self.fields[name]
            return
        self.fields["based_on_summary"].queryset = HalfYearSummary.objects.all()
        self.fields["based_on_summary"].help_text = _(
            "Podsumowanie realizacji IPUS od OUS, na które powołuje się aktualizacja."
        )


class GoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["order", "title", "description"]
        widgets = {
            "order": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }


GoalFormSet = forms.inlineformset_factory(
    OslPlan, PlanGoal, form=GoalForm, formset=RowsFormSet, extra=1, can_delete=True
)


class SectionForm(forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["order", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"body": MARKUP_HELP, "order": _("Rozdziały idą w kolejności tych numerów.")}


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
            "order",
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
    """A row of the schedule as the plan prints it. The timing is one or more forms (a range and
    "raz w miesiącu"); static/js/osl-timing.js shows only the chosen forms' fields (without
    JavaScript all of them show, and the unchosen ones are ignored)."""

    timing_kinds = forms.MultipleChoiceField(
        label=_("Formy terminu"),
        choices=TimingKind.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"data-timing-kinds": "1"}),
        required=False,
        help_text=_("Można zaznaczyć kilka, np. okres od–do i częstotliwość."),
    )
    quarters = SlugListField(label=_("Kwartały"), **QUARTERS)
    months = SlugListField(label=_("Miesiące"), **MONTHS)

    class Meta:
        model = ScheduleItem
        fields = [
            "number",
            "community",
            "specific_goal",
            "area",
            "task",
            "method",
            "target_group",
            "participants",
            "participants_basis",
            "timing_kinds",
            "frequency",
            "quarters",
            "months",
            "starts_on",
            "ends_on",
            "timing_note",
            "implementers",
            "partners",
            "alternative",
        ]
        widgets = {
            "number": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "starts_on": DATE,
            "ends_on": DATE,
            "method": forms.Textarea(attrs={"rows": 3}),
            "alternative": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["community"].queryset = plan.communities.order_by("name", "pk")
        self.fields["community"].empty_label = _("cała gmina")
        self.fields["specific_goal"].queryset = plan.goals.all()
        self.fields["specific_goal"].empty_label = _("— bez celu —")
        self.fields["participants_basis"].choices = [
            ("", _("nie liczy się")),
            *ParticipantsBasis.choices,
        ]
        self.fields["number"].required = False
        self.fields["number"].help_text = _("puste = kolejny wolny numer")
        if not self.instance.pk and not self.initial.get("number"):
            community = self.initial.get("community") or None
            self.initial["number"] = ScheduleItem.next_number(plan, community)
        self.helper.layout = Layout(
            Row(Column("number", css_class="col-sm-2"), Column("community"), Column("area")),
            "specific_goal",
            "task",
            "method",
            Row(Column("target_group"), Column("participants"), Column("participants_basis")),
            Fieldset(
                _("Termin"),
                "timing_kinds",
                Div("frequency", data_timing="frequency"),
                Row(
                    Column(Div("quarters", data_timing="quarters")),
                    Column(Div("months", data_timing="months")),
                ),
                Row(
                    Column(Div("starts_on", data_timing="range date")),
                    Column(Div("ends_on", data_timing="range")),
                ),
                "timing_note",
            ),
            "implementers",
            "partners",
            "alternative",
            "version",
        )

    def clean(self):
        cleaned = super().clean()
        kinds = set(cleaned.get("timing_kinds") or [])
        # The fields of a form not chosen are emptied (typed, then unticked: not stored).
        if TimingKind.FREQUENCY not in kinds:
            cleaned["frequency"] = ""
        if TimingKind.QUARTERS not in kinds:
            cleaned["quarters"] = []
        if TimingKind.MONTHS not in kinds:
            cleaned["months"] = []
        if not kinds & {TimingKind.RANGE, TimingKind.DATE}:
            cleaned["starts_on"] = None
        if TimingKind.RANGE not in kinds:
            cleaned["ends_on"] = None
        return cleaned


class IndicatorForm(forms.ModelForm):
    target = forms.DecimalField(
        label=_("Wartość minimalna"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
        localize=True,
    )

    class Meta:
        model = Indicator
        fields = ["order", "kind", "name", "target", "unit", "description", "evidence"]
        widgets = {
            "order": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"description": _("dla wskaźnika jakościowego")}


IndicatorFormSet = forms.inlineformset_factory(
    ScheduleItem,
    Indicator,
    form=IndicatorForm,
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
        # Values are recorded for quantitative indicators; qualitative ones are described.
        self.indicators = list(item.indicators.filter(kind=IndicatorKind.QUANTITATIVE))
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
    order_number = forms.CharField(
        label=_("Numer zarządzenia"), max_length=50, help_text=_("np. 7/2025 — sam numer")
    )
    order_date = forms.DateField(label=_("Data zarządzenia"), widget=DATE)

    def clean_order_number(self):
        from osl.workflows import order_number_of

        number = order_number_of(self.cleaned_data["order_number"])
        if not number:
            raise forms.ValidationError(_("Podaj numer zarządzenia, np. 7/2025."))
        return number


class ReturnForm(InlineFormMixin, forms.Form):
    comments = forms.CharField(
        label=_("Uwagi dla organizatora"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Co poprawić przed przyjęciem planu."),
    )


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
        fields = ["community", "name", "contact", "consent_on", "consent_scope", "notes"]
        widgets = {"consent_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Old leaders have no consent on record; a saved leader gets one.
        self.fields["consent_on"].required = True
        self.fields["consent_scope"].required = True
        self.fields["community"].queryset = Community.objects.one_per_name(
            keep=self.instance.community_id
        )


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.one_per_name(
            keep=self.instance.community_id
        )


def quarter_choices(plan):
    return [(q.slug, q.label) for q in plan.quarters]


class ScheduleImportForm(InlineFormMixin, forms.Form):
    file = DocumentUploadField(label=_("Plik XLSX z harmonogramem"), content_types=(XLSX,))
