"""What an annex changes: every field of the version and of its rows, compared with the
version it follows.

The compared fields are the models' concrete fields less an explicit list of those that are
not the plan's content (ids, counters, workflow stamps, documents, derived numbers), so a
field added to either model is compared unless someone decides it is not content.
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ipus.models import PlanItem, PlanVersion
from ipus.schedule import number

# Fields of a version that are about the annex itself or its workflow, not what the plan says.
VERSION_NOT_COMPARED = frozenset(
    {
        "id",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "version",  # the edit counter
        "plan",
        "number",
        "status",
        "drawn_up_on",
        "in_force_from",
        "reason",
        "reason_text",
        "approved_at",
        "approved_by",
        "signed_at",
        "document",
        "centre_signed",
        "signed_copy",
    }
)
# Fields of a row that are not the contract's terms. A row put on the waiting list leaves the
# contract: it shows as removed, not as a changed field.
ITEM_NOT_COMPARED = frozenset(
    {
        "id",
        "version",
        "edit_version",
        "line",
        "waiting",
        "override_reason",
        "override_by",
        "units_granted",  # derived from the schedule
        "units_per_month",
        "granted_by_month",
    }
)


def compared_fields(model, excluded):
    return [field for field in model._meta.concrete_fields if field.name not in excluded]


VERSION_FIELDS = compared_fields(PlanVersion, VERSION_NOT_COMPARED)
ITEM_FIELDS = compared_fields(PlanItem, ITEM_NOT_COMPARED)


def shown(instance, field):
    """The field's value as a person reads it."""
    if field.choices:
        value = getattr(instance, f"get_{field.name}_display")()
    elif field.is_relation:
        value = getattr(instance, field.name)
    else:
        value = getattr(instance, field.attname)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def field_changes(before, after, fields):
    """[{"label", "before", "after"}] for the fields whose values differ."""
    return [
        {"label": field.verbose_name, "before": shown(before, field), "after": shown(after, field)}
        for field in fields
        if getattr(before, field.attname) != getattr(after, field.attname)
    ]


def version_changes(previous, version, items=None):
    """What ``version`` changes compared with ``previous``: its own fields, and its granted rows
    added, removed and changed (rows matched by line, every compared field)."""
    if items is None:
        items = version.items.select_related("service", "provider").filter(waiting=False)
    before = {
        item.line_id_or_self: item
        for item in previous.items.select_related("service", "provider").filter(waiting=False)
    }
    after = {item.line_id_or_self: item for item in items}
    changed = []
    for line, item in after.items():
        if line in before:
            fields = field_changes(before[line], item, ITEM_FIELDS)
            if fields:
                changed.append({"before": before[line], "after": item, "fields": fields})
    return {
        "fields": field_changes(previous, version, VERSION_FIELDS),
        "added": [item for line, item in after.items() if line not in before],
        "removed": [item for line, item in before.items() if line not in after],
        "changed": changed,
    }


def changes_anything(changes):
    return any(changes[key] for key in ("fields", "added", "removed", "changed"))


def previous_version(version):
    """The version an annex follows: the latest earlier one that was approved or signed."""
    from ipus.choices import VersionStatus

    return (
        PlanVersion.objects.filter(plan=version.plan_id, number__lt=version.number)
        .exclude(status__in=(VersionStatus.DRAFT, VersionStatus.SUBMITTED))
        .order_by("-number")
        .first()
    )
