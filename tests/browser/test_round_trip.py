"""Every edit form round-trips through the browser: each update page of the URL registry (every
pattern named …-update or …-edit, or served by an UpdateView; tests/security/test_lost_updates)
is opened, as the first role the permission matrix lets in, on a world with one saved record of
every kind (the matrix's world), and submitted unchanged in Chromium: no error is shown and
nothing in the database changes.

What a save legitimately moves, and is left out of the comparison: the edit counter of a
versioned record (``VersionedModel.version_field``: ``version``, a plan item's
``edit_version``), who and when last changed it (``AuditedModel.updated_at``, ``updated_by``),
the assessment's server-side draft (``draft``, ``draft_saved_at``: the page autosaves), an
account's ``last_login``; and the tables that record reading and saving rather than the data:
the access log, django-simple-history's history rows, the report cache and the data stamps.
"""

import inspect
import re

from django.apps import apps
from django.urls import reverse

from cus import roles
from cus.models import AccessLog, DataStamp, ReportCache, VersionedModel
from cus.modules import PROJECT_APPS
from tests.factories import TEST_PASSWORD
from tests.security import permission_matrix as pm
from tests.security.test_lost_updates import edit_url_names, edit_world
from tests.security.test_permission_matrix import staff_people
from tests.urlwalk import all_views

MOVED_BY_A_SAVE = {"updated_at", "updated_by", "draft", "draft_saved_at", "last_login"}
RECORDS_OF_USE = (AccessLog, DataStamp, ReportCache)


def compared_models():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in PROJECT_APPS or issubclass(model, RECORDS_OF_USE):
            continue
        if any(field.name == "history_id" for field in model._meta.fields):
            continue  # django-simple-history's record of a save
        yield model


def ignored_columns(model):
    ignored = set(MOVED_BY_A_SAVE)
    if issubclass(model, VersionedModel):
        ignored.add(model.version_field)
    return ignored


def snapshot():
    """Every row of the project's data, by model and primary key, without what a save moves."""
    rows = {}
    for model in compared_models():
        ignored = ignored_columns(model)
        kept = [f.attname for f in model._meta.concrete_fields if f.name not in ignored]
        for row in model._base_manager.values(*kept):
            rows[(model._meta.label, row[model._meta.pk.attname])] = row
    return rows


def differences(before, after):
    wrong = []
    for key in sorted(set(before) | set(after), key=str):
        if key not in after:
            wrong.append(f"{key} deleted")
        elif key not in before:
            wrong.append(f"{key} created")
        elif before[key] != after[key]:
            changed = {
                n: (before[key][n], after[key][n])
                for n in before[key]
                if before[key][n] != after[key][n]
            }
            wrong.append(f"{key} changed: {changed}")
    return wrong


# The submit button of the page's largest POST form: the form that edits the record.
SUBMIT_OF_THE_EDIT_FORM = """() => {
  // getAttribute: a field named "method" (a schedule item's) would shadow form.method.
  const forms = [...document.querySelectorAll("main form")]
    .filter(f => (f.getAttribute("method") || "").toLowerCase() === "post");
  forms.sort((a, b) => b.elements.length - a.elements.length);
  if (!forms.length) { return false; }
  const button = forms[0].querySelector("button:not([type]), button[type=submit], input[type=submit]");
  if (!button) { return false; }
  button.setAttribute("data-round-trip", "");
  return true;
}"""
SHOWN_ERRORS = "#form-errors, .invalid-feedback, .alert-danger, .errorlist"
# A number input whose value the browser could not parse is empty although the page set one.
DROPPED_VALUES = """() => [...document.querySelectorAll("input")]
  .filter(i => i.getAttribute("value") && !i.value && i.type !== "file")
  .map(i => i.name)"""


def test_every_edit_page_saves_unchanged_in_the_browser_and_changes_nothing(browser, live_server):
    people = staff_people()
    world = edit_world(people)
    names = sorted(edit_url_names())
    assert len(names) >= 15
    contexts, wrong, saved = {}, [], 0
    errors = []
    try:
        for name in names:
            role = next(role for role in pm.STAFF if pm.MATRIX[name][role] == pm.OK)
            if role not in contexts:  # one context and one login per role
                context = browser.new_context(base_url=live_server.url, locale="pl-PL")
                context.set_default_timeout(15_000)
                page = context.new_page()
                page.on("pageerror", lambda error, name=name: errors.append(f"{name}: {error}"))
                page.on("dialog", lambda dialog: dialog.accept())
                page.goto("/login/")
                page.get_by_label("Nazwa użytkownika").fill(people[role].username)
                page.get_by_label("Hasło").fill(TEST_PASSWORD)
                page.get_by_role("button", name="Zaloguj się").click()
                page.wait_for_url(lambda url: "/login/" not in url)
                contexts[role] = (context, page)
            page = contexts[role][1]
            args = pm.URL_ARGS[name](world) if name in pm.URL_ARGS else []
            url = reverse(name, args=args)
            page.goto(url)
            if dropped := page.evaluate(DROPPED_VALUES):
                wrong.append(f"{name}: the browser dropped the values of {dropped}")
            before = snapshot()
            if not page.evaluate(SUBMIT_OF_THE_EDIT_FORM):
                page.screenshot(path=f"/tmp/shots-forms/{name.replace(':', '-')}.png")
                wrong.append(f"{name}: no form to submit")
                continue
            with page.expect_navigation() as navigation:
                page.locator("[data-round-trip]").click()
            response = navigation.value
            shown = page.locator(SHOWN_ERRORS)
            if response.status >= 400 or shown.count():
                text = " | ".join(shown.all_inner_texts())[:500]
                wrong.append(f"{name} as {role}: {response.status}, errors shown: {text}")
            wrong += [f"{name} as {role}: {d}" for d in differences(before, snapshot())]
            saved += 1
    finally:
        for context, _page in contexts.values():
            context.close()
    assert not wrong and not errors, "\n".join(wrong + errors)
    assert saved == len(names)


# Edit forms drawn on another page that post to a view of their own (POST only): the view,
# the page that holds its form and the role that fills it in.
EMBEDDED_EDIT_FORMS = {
    "ipus:refusal-followup": ("ipus:request-detail", roles.KIPUS),
}
BINDS_A_SAVED_RECORD = re.compile(r"Form\(\s*request\.POST[^)]*instance=")


def test_every_post_only_edit_view_is_walked_through_its_page():
    """A view no staff may GET (405 for every role in the matrix) that binds a model form to
    a saved record edits it from a form on another page: it must be in EMBEDDED_EDIT_FORMS."""
    post_only = {
        name
        for name, row in pm.MATRIX.items()
        if {row[role] for role in pm.STAFF} == {pm.NOT_ALLOWED}
    }
    embedded = set()
    for name, pattern in all_views():
        if name in post_only:
            source = inspect.getsource(inspect.unwrap(pattern.callback))
            if BINDS_A_SAVED_RECORD.search(source):
                embedded.add(name)
    assert embedded == set(EMBEDDED_EDIT_FORMS)


def test_every_embedded_edit_form_saves_unchanged_in_the_browser(browser, live_server):
    people = staff_people()
    world = edit_world(people)
    wrong = []
    for name, (page_name, role) in EMBEDDED_EDIT_FORMS.items():
        context = browser.new_context(base_url=live_server.url, locale="pl-PL")
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto("/login/")
        page.get_by_label("Nazwa użytkownika").fill(people[role].username)
        page.get_by_label("Hasło").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_url(lambda url: "/login/" not in url)
        action = reverse(name, args=pm.URL_ARGS[name](world))
        page.goto(reverse(page_name, args=pm.URL_ARGS[page_name](world)))
        form = page.locator(f'form[action="{action}"]')
        if form.count() != 1:
            wrong.append(f"{name}: {form.count()} forms post to {action} on {page_name}")
            context.close()
            continue
        if dropped := page.evaluate(DROPPED_VALUES):
            wrong.append(f"{name}: the browser dropped the values of {dropped}")
        before = snapshot()
        with page.expect_navigation() as navigation:
            form.locator("button[type=submit], input[type=submit], button:not([type])").last.click()
        shown = page.locator(SHOWN_ERRORS)
        if navigation.value.status >= 400 or shown.count():
            text = " | ".join(shown.all_inner_texts())[:500]
            wrong.append(f"{name} as {role}: {navigation.value.status}, errors shown: {text}")
        wrong += [f"{name} as {role}: {d}" for d in differences(before, snapshot())]
        context.close()
    assert not wrong, "\n".join(wrong)
