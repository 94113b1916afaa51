"""Forms and views that refuse to overwrite someone else's newer save (no lost updates).

A ModelForm with ``VersionedFormMixin`` carries the record's version in a hidden
field; an UpdateView with ``VersionConflictMixin`` (a function view: ``version_conflict``)
catches a stale save and shows both versions side by side, keeping everything the
user typed. Saving again after reading the conflict stores the user's version
deliberately.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from cus.models import StaleObjectError


class VersionedFormMixin:
    """For ModelForms of a VersionedModel: the version the form was opened at.

    The hidden field is named like the model's counter (``version_field``); a crispy
    layout must list it like any other field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version_field = self.instance.version_field
        self.fields[self.version_field] = forms.IntegerField(
            widget=forms.HiddenInput,
            initial=getattr(self.instance, self.version_field),
            min_value=1,
            # A new record has no one else's save to lose.
            required=not self.instance._state.adding,
        )

    def save(self, commit=True):
        instance = super().save(commit=False)
        if commit:
            instance.save_checked(self.cleaned_data.get(self.version_field))
            self._save_m2m()
        return instance


class VersionConflictMixin:
    """For UpdateViews whose form uses VersionedFormMixin."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleObjectError as conflict:
            return self.render_to_response(
                self.get_context_data(form=form, **version_conflict(self.request, form, conflict))
            )


def version_conflict(request, form, conflict):
    """After a stale save: says so, and returns the context that shows both versions.

    Templates include ``includes/_version_conflict.html``; the form keeps the user's input.
    """
    messages.warning(request, _("Konflikt zapisu — nic nie zostało nadpisane."))
    return {
        "conflict": conflict.current,
        "conflict_changes": prepare_conflict(form, conflict.current),
    }


def prepare_conflict(form, current):
    """After a stale save: the fields where the user's input differs from the stored record.

    The form keeps the user's input and now carries the stored version, so saving
    again deliberately replaces the newer record.
    """
    counter = current.version_field
    changes = []
    for name, field in form.fields.items():
        if name == counter or name not in form.cleaned_data:
            continue
        mine = form.cleaned_data[name]
        theirs = getattr(current, name, None)
        if _comparable(mine) != _comparable(theirs):
            changes.append({"label": field.label, "mine": mine, "theirs": theirs})
    data = form.data.copy()
    data[form.add_prefix(counter)] = getattr(current, counter)
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
