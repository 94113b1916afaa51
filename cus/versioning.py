"""Forms and views that refuse to overwrite someone else's newer save (no lost updates).

A ModelForm with ``VersionedFormMixin`` carries the record's version in a hidden
field; an UpdateView with ``VersionConflictMixin`` catches a stale save and shows
both versions side by side, keeping everything the user typed. Saving again
after reading the conflict stores the user's version deliberately.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from cus.models import StaleObjectError


class VersionedFormMixin:
    """For ModelForms of a VersionedModel: the version the form was opened at.

    A crispy layout must list the hidden "version" field like any other.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=self.instance.version, min_value=1
        )

    def save(self, commit=True):
        instance = super().save(commit=False)
        if commit:
            instance.save_checked(self.cleaned_data["version"])
            self._save_m2m()
        return instance


class VersionConflictMixin:
    """For UpdateViews whose form uses VersionedFormMixin."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleObjectError as conflict:
            return self.version_conflict(form, conflict.current)

    def version_conflict(self, form, current):
        changes = prepare_conflict(form, current)
        messages.warning(self.request, _("Konflikt zapisu — nic nie zostało nadpisane."))
        return self.render_to_response(
            self.get_context_data(form=form, conflict=current, conflict_changes=changes)
        )


def prepare_conflict(form, current):
    """After a stale save: the fields where the user's input differs from the stored record.

    The form keeps the user's input and now carries the stored version, so saving
    again deliberately replaces the newer record.
    """
    changes = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        mine = form.cleaned_data[name]
        theirs = getattr(current, name, None)
        if _comparable(mine) != _comparable(theirs):
            changes.append({"label": field.label, "mine": mine, "theirs": theirs})
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    form.data = data
    form.add_error(
        None,
        _(
            "Ktoś zapisał ten formularz, gdy go edytowałeś(-aś). Porównaj obie wersje "
            "poniżej; Twoje dane są zachowane. Zapisz ponownie, aby zastąpić nowszą wersję."
        ),
    )
    return changes


def _comparable(value):
    if hasattr(value, "name") and not isinstance(value, str):  # files
        return value.name or ""
    return "" if value is None else value
