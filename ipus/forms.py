from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from cus import pesel
from cus.versioning import VersionedFormMixin
from ipus.models import Person

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
