"""Recording reads of personal data in the access log (GDPR accountability).

Every response that shows a resident's data writes rows saying who saw which record,
and whose data it was:

- ``log_access(request, obj)`` for one record (a detail page, a document);
- ``log_reads(request, objects)`` for everything a page shows (a list's rows, a start
  page's sections): one row a record, written in one INSERT;
- ``AccessLogMixin`` for class-based pages: the page it draws logs its object, or its
  list's rows;
- ``AccessLogAdminMixin`` for the admin: change lists (searches too), record pages,
  histories and recorded versions.

A model of personal data names its resident with an ``access_person_id`` property (the
person's primary key; ``Person`` answers its own). The row keeps it in
``AccessLog.person_id``, so the IOD finds every read of one person's data, whatever the
record (person, request, assessment, plan, version …). ``cus`` names no domain model:
the app that owns residents registers how to find them by name or PESEL
(``register_resident_search``).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.views.generic.list import MultipleObjectMixin

from cus.choices import AccessAction
from cus.models import AccessLog

_resident_search = []


def client_ip(request):
    # Behind a proxy, REMOTE_ADDR is the proxy; axes already resolved the client.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None


@dataclass(frozen=True)
class Shown:
    """A record a page shows, by its ids: for pages drawn from cached values, not instances."""

    model: type
    pk: int
    access_person_id: int | None


def person_of(obj):
    """The id of the resident whose data ``obj`` is, or None (not a resident's record)."""
    return getattr(obj, "access_person_id", None)


def names_a_person(obj):
    return person_of(obj) is not None


def _records(objects):
    """(content type id, object id, person id) of each record in ``objects``, once."""
    seen = set()
    for obj in objects:
        model = obj.model if isinstance(obj, Shown) else obj
        key = (ContentType.objects.get_for_model(model, for_concrete_model=False).pk, str(obj.pk))
        if key not in seen:
            seen.add(key)
            yield (*key, person_of(obj))


def _user_id(request):
    return request.user.pk if request.user.is_authenticated else None


def log_access(request, obj, action=AccessAction.VIEW):
    """Write one access-log row saying that the request's user touched ``obj``."""
    ((content_type_id, object_id, person_id),) = _records([obj])
    return AccessLog.objects.create(
        user_id=_user_id(request),
        action=action,
        content_type_id=content_type_id,
        object_id=object_id,
        person_id=person_id,
        path=request.path[:500],
        ip_address=client_ip(request),
    )


# Only the record columns differ between a page's rows: they go as three arrays, the rest
# once. 25 rows of the plan list took 4.0 ms a view through bulk_create (a model instance
# and eight prepared values a row, half of it Python), 0.8 ms this way (0.1 ms Python).
INSERT_READS = f"""
    INSERT INTO {AccessLog._meta.db_table}
           (at, user_id, action, content_type_id, object_id, person_id, path, ip_address)
    SELECT now(), %s, %s, record.content_type_id, record.object_id, record.person_id, %s,
           %s::inet
      FROM UNNEST(%s::integer[], %s::varchar[], %s::bigint[])
           AS record(content_type_id, object_id, person_id)
"""


def log_reads(request, objects, action=AccessAction.VIEW):
    """One row for each record in ``objects`` (each once), in a single INSERT; none for
    an empty page. For lists: the rows of the page shown, not the whole queryset.
    Returns the number of rows written."""
    records = list(_records(objects))
    if not records:
        return 0
    content_type_ids, object_ids, person_ids = zip(*records, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT_READS,
            [
                _user_id(request),
                str(action),
                request.path[:500],
                client_ip(request),
                list(content_type_ids),
                list(object_ids),
                list(person_ids),
            ],
        )
    return len(records)


def shown_in(*values):
    """The residents' records among ``values`` (records and lists of them), e.g. the
    sections of a start page: what a page logs when it shows several kinds."""
    for value in values:
        items = value if isinstance(value, list | tuple) else [value]
        yield from (item for item in items if names_a_person(item))


class AccessLogMixin:
    """For pages of personal data: each page drawn writes access-log rows for what it shows,
    the object of a detail page or the rows of a list's page (one INSERT).

    Set ``access_action`` for views that download, print or export; override
    ``get_logged_objects(context)`` when a page shows other records.
    """

    access_action = AccessAction.VIEW

    def render_to_response(self, context, **response_kwargs):
        log_reads(self.request, self.get_logged_objects(context), self.access_action)
        return super().render_to_response(context, **response_kwargs)

    def get_logged_objects(self, context):
        if isinstance(self, MultipleObjectMixin):
            return context["object_list"]  # the page shown, not the whole queryset
        return [self.get_logged_object()]

    def get_logged_object(self):
        return self.object


class AccessLogAdminMixin:
    """For ModelAdmins: with ``access_logged = True`` the admin logs reads as the pages do.

    A change list logs the rows of its page (a search by PESEL included), a record's page,
    its delete confirmation, its history and each recorded version log the record.
    """

    access_logged = False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if self.access_logged and changelist is not None:
            log_reads(request, changelist.result_list)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_record(request, response, "original")
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        self._log_record(request, response, "object")
        return response

    def render_history_view(self, request, template, context, **kwargs):
        # simple_history draws a record's history ("object") and a recorded version
        # ("original": the record as it was, PESEL and all) through this one method.
        if self.access_logged:
            obj = context.get("original") or context.get("object")
            if obj is not None:
                log_access(request, obj)
        return super().render_history_view(request, template, context, **kwargs)

    def _log_record(self, request, response, name):
        if not self.access_logged or response.status_code != 200:
            return
        obj = getattr(response, "context_data", {}).get(name)
        if obj is not None:
            log_access(request, obj)


def register_resident_search(function):
    """``function(text)``: a queryset of the primary keys of the residents ``text`` names
    (a PESEL, a name), for the access log's filter by resident."""
    _resident_search[:] = [function]


def residents_matching(text):
    """A subquery of the ids of the residents ``text`` names (none without a search)."""
    if not _resident_search:
        return []
    return _resident_search[0](text)
