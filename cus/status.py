"""One state machine for every model with a status that moves along a table.

A model lists its allowed moves in ``TRANSITIONS`` ({from: {to, …}}), records each move
in its own transition model (``record_transition``) and may react to one
(``after_transition``); ``set_status`` does the rest the same way everywhere: the row
locked, the move checked against the table, recorded with who and when, the record's
version and audit stamp advanced. Anything the table does not allow raises
``InvalidTransition``.
"""

from django.conf import settings
from django.db import models, transaction

# The field that holds a StatusMachine's status (the admin keeps it read-only).
STATUS_FIELD = "status"


class InvalidTransition(Exception):
    """A status change the transitions table does not allow."""

    def __init__(self, from_status, to_status):
        super().__init__(f"{from_status} → {to_status} is not allowed")
        self.from_status, self.to_status = from_status, to_status


class StatusMachine(models.Model):
    """Abstract base: ``status`` moves only through ``set_status`` along ``TRANSITIONS``.

    Subclasses define the ``status`` field, ``TRANSITIONS`` and ``record_transition``;
    they are also ``AuditedModel`` (``stamp``), and ``VersionedModel`` where edited in
    forms (the version advances with every move).
    """

    TRANSITIONS = {}

    class Meta:
        abstract = True

    def available_transitions(self):
        """The statuses this record may move to now (for forms and buttons)."""
        return sorted(self.TRANSITIONS.get(self.status, ()))

    def record_transition(self, from_status, to_status, by, note):
        raise NotImplementedError

    def after_transition(self, to_status):
        """Called with the new status set, before the record is saved."""

    @transaction.atomic
    def set_status(self, new_status, by, note=""):
        """Move to ``new_status`` if the table allows it; record who, when, from and to."""
        # Lock the row: two users acting at once (two approvers, or an approver and the
        # coordinator) must not both move the record from the same status.
        current = type(self).objects.select_for_update().get(pk=self.pk)
        if new_status not in self.TRANSITIONS.get(current.status, ()):
            raise InvalidTransition(current.status, new_status)
        self.record_transition(current.status, new_status, by, note)
        self.status = new_status
        if hasattr(current, "version"):
            self.version = current.version + 1
        self.stamp(by)
        self.after_transition(new_status)
        self.save()

    set_status.alters_data = True


class TransitionRecord(models.Model):
    """Abstract base of a status change row: when, by whom, with what note.

    Subclasses add the record they belong to and ``from_status``/``to_status`` with
    that record's choices.
    """

    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
