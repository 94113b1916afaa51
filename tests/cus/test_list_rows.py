"""The busiest rows render from Jinja2 templates (cus/jinja2.py): the engines, the helpers,
the access log's rows and every page's menu as the pages show them."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.template import TemplateDoesNotExist, engines
from django.urls import reverse

from cus.choices import AccessAction
from cus.models import AccessLog
from cus.navigation import menu_url
from cus.rows import day, object_url
from tests.factories import UserFactory

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
JINJA2_DIR = Path(settings.BASE_DIR) / "templates" / "jinja2"


def test_django_templates_stay_the_default_engine_and_jinja2_reads_only_its_rows():
    assert [engine["BACKEND"].rsplit(".", 1)[1] for engine in settings.TEMPLATES] == [
        "DjangoTemplates",
        "Jinja2",
    ]
    rows = sorted(str(path.relative_to(JINJA2_DIR)) for path in JINJA2_DIR.rglob("*.html"))
    assert "ipus/rows/plans.html" in rows
    for name in rows:
        engines["jinja2"].get_template(name)  # compiles
        with pytest.raises(TemplateDoesNotExist):
            engines["django"].get_template(name)
    with pytest.raises(TemplateDoesNotExist):
        engines["jinja2"].get_template("base.html")


def test_jinja2_rows_escape_translate_with_the_polish_catalogue_and_format_in_polish():
    rows = engines["jinja2"].from_string(
        '{{ name }} {{ _("- Select an option -") }} {{ ngettext("%(num)s dzień", "%(num)s dni", 5) }} '
        '{{ price|localize }} {{ share|floatformat("-2") }} {{ when|day }}'
    )
    text = rows.render({"name": HOSTILE, "price": 12.5, "share": 0.333, "when": date(2026, 3, 5)})
    # "— wybierz —" is locale/pl's own translation, not the source text.
    assert text == f"{ESCAPED} — wybierz — 5 dni 12,5 0,33 05.03.2026"


def test_object_url_is_reverse_and_day_is_the_date_filter():
    for pk in (1, 42, 987654321, 10**12):
        assert object_url("ipus:plan-detail", pk) == reverse("ipus:plan-detail", args=[pk])
    with pytest.raises((TypeError, ValueError)):
        object_url("ipus:plan-detail", "1/../../admin")
    assert day(date(2026, 3, 5)) == "05.03.2026" and day(None) == ""
    for name in ("cus:home", "login", "logout", "password_change", "cus:calendar"):
        assert menu_url(name) == reverse(name)


def test_the_access_log_rows_escape_and_show_local_time(client, iod):
    reader = UserFactory(username="k-hostile", first_name=HOSTILE, last_name="Łąk")
    entry = AccessLog.objects.create(
        user=reader,
        action=AccessAction.VIEW,
        content_type=ContentType.objects.get_for_model(AccessLog),
        object_id="17",
        person_id=3,
        path="/ipus/persons/17/?q=<b>",
        ip_address="10.0.0.1",
    )
    AccessLog.objects.filter(pk=entry.pk).update(at=datetime(2026, 6, 30, 22, 30, 5, tzinfo=UTC))
    AccessLog.objects.create(
        action=AccessAction.EXPORT, content_type=entry.content_type, object_id="", path=""
    )
    client.force_login(iod)
    page = client.get(reverse("cus:accesslog-list")).text
    assert f"<td>{ESCAPED} Łąk</td>" in page and HOSTILE not in page
    assert "<td>2026-07-01 00:30:05</td>" in page  # Warsaw, summer time
    assert "<td><code>/ipus/persons/17/?q=&lt;b&gt;</code></td>" in page
    assert "<td>Podgląd</td>" in page and "<td>10.0.0.1</td>" in page
    assert "<td>3</td>" in page  # whose data it was
    assert page.count("<td>—</td>") == 3  # the export without a user, a person, an address

    partial = client.get(
        reverse("cus:accesslog-list"), {"object_id": "404"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in partial.text
    assert '<td colspan="8" class="text-muted">Brak wpisów spełniających kryteria.</td>' in (
        partial.text
    )


def test_the_filter_keeps_the_choice_escapes_options_and_shows_errors_beside_fields(client, iod):
    reader = UserFactory(username="k-hostile", first_name=HOSTILE, last_name="Łąk")
    client.force_login(iod)
    page = client.get(
        reverse("cus:accesslog-list"), {"date_from": "xx", "action": "view", "user": reader.pk}
    ).text
    assert f'<option value="{reader.pk}" selected>{ESCAPED} Łąk</option>' in page
    assert '<option value="view" selected>Podgląd</option>' in page
    assert HOSTILE not in page
    assert 'id="id_date_from"' in page and "is-invalid" in page
    assert 'id="id_date_from_error"' in page and "Wpisz poprawną datę." in page


def test_the_menu_marks_only_the_current_page_and_escapes_its_labels(client, iod, monkeypatch):
    from cus import navigation

    monkeypatch.setattr(
        navigation,
        "_registry",
        [*navigation._registry, navigation.NavItem(HOSTILE, "cus:calendar", "x", order=999)],
    )
    client.force_login(iod)
    page = client.get(reverse("cus:accesslog-list")).text
    current = f'class="nav-link active" href="{reverse("cus:accesslog-list")}" aria-current="page"'
    assert current in page and page.count('aria-current="page"') == 1
    assert f'<i class="bi bi-x" aria-hidden="true"></i> {ESCAPED}' in page
    assert HOSTILE not in page
