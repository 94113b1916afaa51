"""Uploads kept across a failed validation: a form that comes back with an error still holds
the file the user attached, so they need not attach it again.

A browser never re-sends a file input, so a checked upload (cus.documents.Upload) is set
aside on the server under a random token bound to the user's session, the form carries the
token in a hidden field, and the field says "Załączony plik: X (zostanie zapisany)" with a
box to remove it. Forms use :class:`KeptUploadsMixin` and are built with
``session=request.session``; the view calls ``form.discard_kept_uploads()`` once the record
is saved. Files set aside and never claimed are removed after a day.
"""

import json
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cus.documents import DocumentUploadField, Upload

SESSION_KEY = "cus_kept_uploads"
MAX_AGE_SECONDS = 24 * 60 * 60


def _folder():
    folder = Path(settings.MEDIA_ROOT) / "kept-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(session, upload):
    """Set ``upload`` aside for this session; returns its token."""
    _prune()
    token = secrets.token_urlsafe(18)
    (_folder() / token).write_bytes(upload.data)
    kept = session.get(SESSION_KEY, {})
    kept[token] = json.dumps({"name": upload.name, "content_type": upload.content_type})
    session[SESSION_KEY] = kept
    return token


def claim(session, token):
    """The upload kept under ``token`` by this session, or None (unknown, foreign or expired)."""
    meta = session.get(SESSION_KEY, {}).get(token or "")
    path = _folder() / token if meta else None
    if not meta or not path.is_file():
        return None
    meta = json.loads(meta)
    return Upload(path.read_bytes(), meta["content_type"], meta["name"])


def discard(session, token):
    kept = session.get(SESSION_KEY, {})
    if kept.pop(token, None) is not None:
        session[SESSION_KEY] = kept
        (_folder() / token).unlink(missing_ok=True)


def _prune():
    limit = time.time() - MAX_AGE_SECONDS
    for path in _folder().iterdir():
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


class KeptUploadsMixin:
    """Keeps each DocumentUploadField's checked file when the form (or its page) fails.

    ``self.kept`` maps a field's name to the kept file's name, for the page to show.
    """

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.kept = {}
        self.upload_names = [
            name for name, field in self.fields.items() if isinstance(field, DocumentUploadField)
        ]
        for name in self.upload_names:
            self.fields[f"{name}_kept"] = forms.CharField(required=False, widget=forms.HiddenInput)
            self.fields[f"{name}_drop"] = forms.BooleanField(
                required=False, widget=forms.HiddenInput, label=_("Usuń załączony plik")
            )

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or self.session is None:
            return
        data = self.data.copy()
        for name in self.upload_names:
            token = self.cleaned_data.get(f"{name}_kept", "")
            fresh = self.cleaned_data.get(name)
            if self.cleaned_data.get(f"{name}_drop") or fresh:
                discard(self.session, token)
                token = ""
            upload = fresh or claim(self.session, token)
            if upload is None:
                data[self.add_prefix(f"{name}_kept")] = ""
                continue
            if not token:
                token = keep(self.session, upload)
            self.cleaned_data[name] = upload
            self.kept[name] = token
            data[self.add_prefix(f"{name}_kept")] = token
            data[self.add_prefix(f"{name}_drop")] = ""
            self.fields[name].help_text = _(
                "Załączony plik: %(name)s (zostanie zapisany). Wybierz inny, aby go zastąpić."
            ) % {"name": upload.name}
            drop = self.fields[f"{name}_drop"]
            drop.widget = forms.CheckboxInput()
            drop.label = _("Usuń załączony plik %(name)s") % {"name": upload.name}
            # The bound fields were made (with the old help text and label) during validation.
            self._bound_fields_cache.pop(name, None)
            self._bound_fields_cache.pop(f"{name}_drop", None)
        self.data = data

    def discard_kept_uploads(self):
        """The record is saved: the files set aside are no longer needed."""
        for token in self.kept.values():
            discard(self.session, token)
        self.kept = {}
