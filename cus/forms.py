from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from cus import roles
from cus.documents import PDF, DocumentUploadField
from cus.models import Authorisation, CentreProfile, User
from cus.versioning import VersionedFormMixin

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG"}

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InlineFormMixin:
    """Forms rendered with {% crispy %} inside a template's own <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        carry_model_validators(self)


def carry_model_validators(form):
    """Give each field of a model form its model field's own validators (a PESEL's check digit).

    Django runs them only after the form's clean(), on the instance: a clean() that reads the
    value meets it unchecked, and an error it raises there comes out twice (once as the form's,
    once as the field's). Run with the field, a bad value stops at the field, once.
    """
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return
    for name, field in form.fields.items():  # copied for each form: the class is untouched
        try:
            own = getattr(model._meta.get_field(name), "_validators", ())
        except FieldDoesNotExist:
            continue
        field.validators = [*field.validators, *(v for v in own if v not in field.validators)]


class RowsFormSet(forms.BaseInlineFormSet):
    """Repeating rows of a form, added and removed in the page without leaving it.

    Drawn by includes/_formset.html (a table: the header names the columns, each cell shows
    its field's errors; the empty row is a <template> that static/js/formset.js copies);
    every inline formset of the project is made with ``formset=RowsFormSet`` and
    ``can_delete=True``. A row that is left empty is neither validated nor saved (Django's
    formsets skip unchanged extra rows) and shows no required marks.
    """

    def _construct_form(self, i, **kwargs):
        return _as_row(super()._construct_form(i, **kwargs))

    @property
    def empty_form(self):
        return _as_row(super().empty_form)


def _as_row(form):
    carry_model_validators(form)
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.form_show_labels = False  # the column header names the field
    for field in form.fields.values():  # copied for each form: no other row is touched
        if not isinstance(field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
            field.widget.attrs.setdefault("aria-label", field.label)  # each option has its own
    return form


class CentreProfileForm(VersionedFormMixin, forms.ModelForm):
    """The centre's details printed on every document."""

    class Meta:
        model = CentreProfile
        fields = [
            "name",
            "short_name",
            "street",
            "postal_code",
            "town",
            "phone",
            "email",
            "website",
            "epuap_address",
            "office_hours",
            "director_name",
            "gmina_kind",
            "logo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        carry_model_validators(self)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("Nazwa"),
                Row(Column("name", css_class="col-md-8"), Column("short_name")),
            ),
            Fieldset(
                _("Adres i kontakt"),
                Row(
                    Column("street", css_class="col-md-6"),
                    Column("postal_code"),
                    Column("town"),
                ),
                Row(Column("phone"), Column("email"), Column("website")),
                Row(Column("epuap_address"), Column("office_hours")),
            ),
            Fieldset(
                _("Kierownictwo, gmina i wygląd dokumentów"), "director_name", "gmina_kind", "logo"
            ),
            "version",
            Submit("save", _("Zapisz"), css_class="btn-primary"),
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Only a newly uploaded file carries .image (set by ImageField's validation).
        image = getattr(logo, "image", None)
        if image is None:
            return logo
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Plik logo może mieć najwyżej 1 MB."))
        if image.format not in LOGO_FORMATS:
            raise forms.ValidationError(_("Logo musi być obrazem PNG lub JPEG."))
        return logo


class TwoFactorCodeForm(InlineFormMixin, forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Kod"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, allow_recovery=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_recovery = allow_recovery
        if allow_recovery:
            self.fields["code"].help_text = _(
                "Sześć cyfr z aplikacji uwierzytelniającej albo jeden z kodów zapasowych."
            )

    def clean_code(self):
        digits = "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())
        if len(digits) == 6:
            return digits
        if self.allow_recovery and len(digits) == 8:
            return f"{digits[:4]}-{digits[4:]}"
        if self.allow_recovery:
            raise forms.ValidationError(
                _("Wpisz 6 cyfr z aplikacji albo kod zapasowy w postaci 1234-5678.")
            )
        raise forms.ValidationError(_("Wpisz 6 cyfr z aplikacji uwierzytelniającej."))


class DocumentVerifyForm(InlineFormMixin, forms.Form):
    """Any PDF whose origin and signatures someone wants checked."""

    document = DocumentUploadField(label=_("Dokument PDF"), content_types=(PDF,))


class AuthorisationDocumentForm(forms.Form):
    """The authorisation's signed document, asked for until the record holds one: the
    register's page and the admin's form (cus.admin) both take it so."""

    document_file = DocumentUploadField(
        label=_("Upoważnienie (skan lub PDF)"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Koniec upoważnienia nie może być przed jego początkiem."))
        if not cleaned.get("document_file") and not self.instance.document_id:
            self.add_error(
                "document_file", _("Dołącz upoważnienie podpisane przez dyrektora (skan lub PDF).")
            )
        return cleaned


class AuthorisationForm(VersionedFormMixin, AuthorisationDocumentForm, forms.ModelForm):
    """An authorisation in the register (KPA art. 268a): whom, for what, from–to, the document."""

    class Meta:
        model = Authorisation
        fields = ["user", "scope", "reference", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff who work on cases; the director signs in their own name.
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=[roles.KIPUS, roles.OUS])
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("user"), Column("scope")),
            Row(Column("reference"), Column("valid_from"), Column("valid_to")),
            "document_file",
            self.version_field,
            Submit("save", _("Zapisz upoważnienie"), css_class="btn-primary"),
        )
