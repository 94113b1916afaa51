"""Every error a form reports appears once at its field and once in the page's summary (a form's
non-field error: in the summary, and above the form where crispy draws the form), never more: every form page of the permission matrix is
sent invalid data and each message's occurrences on the answer are counted."""

import html
import re
from collections import Counter

from django.core.exceptions import FieldDoesNotExist

from tests.formdata import form_data
from tests.formwalk import matrix_pages, page_forms, page_formsets
from tests.security.test_lost_updates import edit_world
from tests.security.test_permission_matrix import people  # noqa: F401 (fixture)

INVALID = "§"
KEPT = ("csrfmiddlewaretoken",)
MANAGEMENT = (
    "-TOTAL_FORMS",
    "-INITIAL_FORMS",
    "-MIN_NUM_FORMS",
    "-MAX_NUM_FORMS",
    "-id",
    "-DELETE",
)


def hidden_names(response):
    return {field.html_name for form in page_forms(response) for field in form.hidden_fields()}


def invalid(data, response):
    """The page's own values with every field a user fills set to nonsense (hidden ones kept:
    the form's bookkeeping, a row's parent and key, the edit counter)."""
    hidden = hidden_names(response)
    return {
        name: value if name in KEPT or name in hidden or name.endswith(MANAGEMENT) else INVALID
        for name, value in data.items()
    }


def expected_counts(response):
    """How often each message should appear: at its field and in the summary."""
    expected, optional = Counter(), Counter()
    rows = set()
    for formset in page_formsets(response):
        for error in formset.non_form_errors():
            expected[error] += 2
        for row in formset.forms:
            rows.add(id(row))
            for errors in row.errors.values():
                for error in errors:
                    expected[error] += 2
    for form in page_forms(response):
        if id(form) in rows or not form.is_bound:
            continue
        for name, errors in form.errors.items():
            for error in errors:
                expected[error] += 2
                if name == "__all__":
                    optional[error] += 1  # in the summary; above the form when crispy draws it
    return expected, optional


def doubled(response):
    """Errors a form reports twice: the same message as the form's and as a field's."""
    wrong = []
    for form in page_forms(response):
        if not form.is_bound:
            continue
        own = set(form.non_field_errors())
        for name, errors in form.errors.items():
            if name != "__all__":
                wrong += [f"{name}: {e!r} also as the form's" for e in errors if e in own]
            wrong += [f"{name}: {e!r} twice" for e in set(errors) if errors.count(e) > 1]
    return wrong


def shown(page):
    body = page.split("<main", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def miscounted(page, counts):
    expected, optional = counts
    text, wrong = shown(page), []
    for message, own in expected.items():
        # A message inside a longer one is counted there too.
        count = own + sum(
            other_count * other.count(message)
            for other, other_count in expected.items()
            if other != message and message in other
        )
        if not count - optional[message] <= (got := text.count(message)) <= count:
            wrong.append(f"{message!r} {got}× (expected {count}×)")
    return wrong


def test_every_form_page_shows_each_error_once_at_the_field_and_once_in_the_summary(
    client,
    people,  # noqa: F811 (fixture)
):
    world = edit_world(people)
    wrong, checked = [], 0
    pages = []
    for url_name, role, url, response in matrix_pages(client, people, world):
        try:
            pages.append((url_name, role, url, response, form_data(response.text, url)))
        except LookupError:
            continue  # no form posting to the page itself
    # A saved record's values, by form class: right values for the page that creates one.
    saved = {
        type(form): data
        for _name, _role, _url, response, data in pages
        for form in page_forms(response)
        if getattr(getattr(form, "instance", None), "pk", None)
    }
    for url_name, role, url, response, data in pages:
        client.force_login(people[role])
        right, hidden = dict(data), hidden_names(response)
        for form in page_forms(response):
            values = saved.get(type(form), {}).items()
            right.update({k: v for k, v in values if k in right and k not in hidden})
        # Every field wrong at once; then each checked field wrong alone among right values
        # (a form's clean() runs on the others only then: the PESEL was reported twice so).
        tries = [invalid(data, response)]
        tries += [{**right, name: INVALID} for name in checked_fields(response) if name in data]
        for posted in tries:
            answer = client.post(url, posted)
            if answer.status_code != 200 or not answer.context:
                continue  # a form that sends the user on (nothing invalid to show)
            expected = expected_counts(answer)
            if not expected[0]:
                continue
            checked += 1
            wrong += [f"{url_name}: {why}" for why in miscounted(answer.text, expected)]
            wrong += [f"{url_name}: {why}" for why in doubled(answer)]
    assert not wrong, "\n".join(sorted(set(wrong)))
    assert checked >= 40


def model_validators(form, name):
    model = getattr(getattr(form, "_meta", None), "model", None)
    try:
        return getattr(model._meta.get_field(name), "_validators", ()) if model else ()
    except FieldDoesNotExist:
        return ()


def checked_fields(response):
    """The names posted for the page's fields that carry a check of their model (PESEL, NIP…)."""
    return [
        form.add_prefix(name)
        for form in page_forms(response)
        for name in form.fields
        if model_validators(form, name)
    ]


def test_every_model_form_field_checks_its_model_validators_itself(
    client,
    people,  # noqa: F811 (fixture)
):
    """So a form's clean() never meets a value its model would refuse (cus.forms)."""
    world = edit_world(people)
    wrong, checked = [], 0
    for url_name, _role, _url, response in matrix_pages(client, people, world):
        for form in page_forms(response):
            for name, field in form.fields.items():
                own = model_validators(form, name)
                checked += bool(own)
                if any(v not in field.validators for v in own):
                    wrong.append(f"{url_name} {type(form).__name__}.{name}")
    assert not wrong, "\n".join(sorted(set(wrong)))
    assert checked >= 10
