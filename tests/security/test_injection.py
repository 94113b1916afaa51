"""No text a user typed is ever drawn as markup: a payload in every text field of every project
model, then every page, every admin page and every document is searched for it.

The payload goes into every CharField and TextField of every model of the project's apps
(tests/security/payloads.py: the model registry, historical models included). Pages come
from the URL registry through the permission matrix (every URL as every role it lets in),
the admin's from its model registry (change list and change form, as each role that sees
them); documents are every template of templates/pdf/, rendered through its page where the
test world serves one and through its builder where the document is frozen when made.
A page fails if the payload's markup arrives raw; a document fails if the HTML handed to
WeasyPrint has it, or if the PDF's text shows the markup was drawn.
"""

import io
import re
from collections import defaultdict

import pytest
from django.apps import apps
from django.urls import reverse
from pypdf import PdfReader

import cus.pdf
from cus import roles
from tests.security import permission_matrix as pm
from tests.security.payloads import fill_text_fields, project_models
from tests.security.test_permission_matrix import catalogue_world

PAYLOAD = '"><img src=x onerror=alert(1)><b id=inj>X</b>'
SHORT = "<b id=inj>"  # for fields too short for the whole payload
MARKUP = ("<img src=x onerror=alert(1)>", "<b id=inj>")
ESCAPED = "&lt;b id=inj&gt;"
# What a PDF's text holds where the payload's markup was drawn instead of printed.
DRAWN = '">X'


def payload(_index, room):
    if room is None or room >= len(PAYLOAD):
        return PAYLOAD
    return SHORT if room >= len(SHORT) else None


@pytest.fixture
def documents(monkeypatch):
    """The HTML of every document rendered for WeasyPrint: {template name: [html, …]}."""
    rendered = defaultdict(list)
    render = cus.pdf.render_to_string

    def spy(template_name, context=None, request=None):
        html = render(template_name, context, request=request)
        rendered[template_name].append(html)
        return html

    monkeypatch.setattr(cus.pdf, "render_to_string", spy)
    return rendered


def injection_world(people):
    """The permission matrix's world on the whole demo (its accounts, cases, plans, history and
    OSL plans), with the records whose text only some pages show."""
    from django.contrib.contenttypes.models import ContentType

    from cus import demo as cus_demo
    from cus.choices import AccessAction
    from cus.models import AccessLog
    from ipus.models import RefusalDecision, Request
    from osl import demo as osl_demo
    from osl.models import Indicator

    cus_demo.seed()
    osl_demo.seed()  # before the matrix's own OSL plans: it seeds an empty registry only
    world = catalogue_world(people)
    world["programme"].set_status(world["programme"].available_transitions()[0], people[roles.OUS])
    # The case: an indicator's unit on the animator's activity form.
    Indicator.objects.create(item=world["adopted_item"], name="Uczestnicy", target=10, unit="osób")
    refused = Request.objects.create(
        person=world["person"], channel="phone", coordinator=people[roles.KIPUS], requested_text="x"
    )
    AccessLog.objects.create(  # a read the IOD's log shows
        user=people[roles.KIPUS],
        action=AccessAction.values[0],
        content_type=ContentType.objects.get_for_model(world["person"]),
        object_id=str(world["person"].pk),
        path="/ipus/persons/",
    )
    world["osl_user"] = people[roles.OSL]
    world["summary"].created_by = people[roles.OUS]  # written by the OUS, as generate_summary does
    world["summary"].save()
    world["refusal"] = RefusalDecision.objects.create(
        request=refused, number="ODM/2026/99", decision="Odmowa", justification="Uzasadnienie"
    )
    return world


def frozen_documents(world):
    """The documents made once and frozen (their pages serve stored bytes): built again here,
    from the records as they are now."""
    from ipus import pdf
    from ipus.models import HalfYearSummary, Plan, RefusalDecision
    from osl.workflows import generate_report

    def now(name, model):
        return model.objects.get(pk=world[name].pk)

    summary, report = now("summary", HalfYearSummary), world["report"]
    report.delete()  # made again below: one report per plan and period
    return {
        "pdf/refusal_decision.html": pdf.refusal_pdf_bytes(now("refusal", RefusalDecision)),
        "pdf/plan_closure.html": pdf.closure_pdf_bytes(now("plan", Plan)),
        "pdf/half_year_summary.html": pdf.summary_pdf_bytes(summary, summary.period),
        "pdf/osl_report.html": generate_report(
            type(report.plan).objects.get(pk=report.plan_id),
            report.period,
            PAYLOAD,
            world["osl_user"],
        ).document.read(),
    }


def login(client, people, role):
    if role == pm.ANONYMOUS:
        client.logout()
    else:
        client.force_login(people[role])


def visits(world):
    """(role, URL, must open) of every page of the matrix that role may open, then the admin's
    (a change form may be closed to a role by the admin's own rules)."""
    from django.apps import apps

    for name, row in pm.MATRIX.items():
        url = reverse(name, args=pm.URL_ARGS[name](world) if name in pm.URL_ARGS else [])
        for role in pm.ROLES:
            if row[role] == pm.OK:
                yield role, url, True
    for label, viewers in pm.ADMIN_MODEL_VIEWERS.items():
        model = apps.get_model(label)
        first = model._default_manager.order_by("pk").first()
        app_label, model_name = label.split(".")
        for role in sorted(viewers):
            yield role, reverse(f"admin:{app_label}_{model_name}_changelist"), True
            if first is not None:
                change = reverse(f"admin:{app_label}_{model_name}_change", args=[first.pk])
                yield role, change, False


def pdf_text(data):
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", "", text)


def test_no_page_or_document_draws_typed_text_as_markup(
    client, people, documents, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    world = injection_world(people)
    filled = fill_text_fields(payload)
    assert len(filled) > 150, filled.skipped
    # Every model with a filled field has rows to show it.
    labels = {label for label, _field in filled.filled}
    empty = [m._meta.label for m in project_models() if m._meta.label_lower in labels]
    empty = [label for label in empty if not apps.get_model(label)._base_manager.exists()]
    assert not empty, f"the test world holds no {empty}: add them to injection_world"
    raw, broken, pages, escaped, pdfs = [], [], 0, 0, []
    for role, url, must_open in visits(world):
        login(client, people, role)
        rendered_before = sum(len(htmls) for htmls in documents.values())
        response = client.get(url)
        kind = response.get("Content-Type", "")
        if response.status_code != 200:
            if must_open or response.status_code >= 500:
                broken.append(f"{url} as {role}: {response.status_code}")
            continue
        if kind.startswith("text/html"):
            page = response.content.decode()
            pages += 1
            escaped += page.count(ESCAPED)
            raw += [f"{url} as {role}: {markup}" for markup in MARKUP if markup in page]
        elif kind == "application/pdf" and sum(map(len, documents.values())) > rendered_before:
            pdfs.append((url, response.content))  # rendered now (stored copies predate the payload)
    pdfs += frozen_documents(world).items()
    drawn = [where for where, data in pdfs if DRAWN in pdf_text(data)]
    for template, htmls in documents.items():
        for html in htmls:
            raw += [f"{template}: {markup}" for markup in MARKUP if markup in html]
    every_document = {
        f"pdf/{path.name}"
        for path in (settings.BASE_DIR / "templates" / "pdf").glob("*.html")
        if path.name != "base.html"
    }
    assert not broken, "pages the payload broke:\n" + "\n".join(broken)
    assert not raw, "typed text drawn as markup:\n" + "\n".join(raw)
    assert not drawn, f"PDFs that drew the payload's markup: {drawn}"
    assert every_document <= set(documents), f"not rendered: {every_document - set(documents)}"
    unmarked = [t for t, htmls in documents.items() if not any(ESCAPED in h for h in htmls)]
    assert not unmarked, f"documents that showed no typed text: {unmarked}"
    assert pages > 200 and escaped > 1000, (pages, escaped)


def test_the_activity_form_shows_an_indicator_unit_as_text(client, people, settings):
    """The issue's case: the unit typed by the OSL organizer, in the animator's form."""
    from osl.models import Indicator

    world = catalogue_world(people)
    Indicator.objects.create(item=world["adopted_item"], name="Uczestnicy", target=10, unit=PAYLOAD)
    client.force_login(people[roles.ANIMATOR])
    page = client.get(reverse("osl:activity-create", args=[world["adopted_item"].pk])).text
    assert "min. 10 &quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;b id=inj&gt;X&lt;/b&gt;" in page
    assert not any(markup in page for markup in MARKUP)
