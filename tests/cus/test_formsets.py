"""Every formset of the project adds and removes rows in the page (cus.forms.RowsFormSet drawn by
includes/_formset.html, static/js/formset.js): the page holds the add control, a remove control
per row and the empty row's template; a row left empty shows no required marks and is neither
validated nor saved. The formsets come from the project's forms modules and the pages from the
permission matrix (each formset must be found on some page)."""

import re
from datetime import date
from html.parser import HTMLParser

from django import forms

from cus.forms import RowsFormSet
from cus.modules import project_modules
from ipus.choices import ServiceRowKind
from ipus.models import AssessmentServiceRow, Person, Request
from ipus.workflows import start_assessment
from tests.formdata import form_data
from tests.formwalk import matrix_pages, page_formsets
from tests.security.test_lost_updates import edit_world
from tests.security.test_permission_matrix import people  # noqa: F401 (fixture)
from tests.services.factories import ServiceFactory


def project_formset_classes():
    """Every formset class the project's forms modules define, by qualified name."""
    return {
        f"{module.__name__}.{name}": value
        for module in project_modules("forms")
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, forms.BaseFormSet)
        and hasattr(value, "form")  # made by a factory (not a base class imported there)
    }


def test_every_formset_edits_its_rows_in_the_page():
    formsets = project_formset_classes()
    assert len(formsets) >= 7
    wrong = [
        name
        for name, formset in formsets.items()
        if not (issubclass(formset, RowsFormSet) and formset.can_delete)
    ]
    assert not wrong, "make these with formset=RowsFormSet, can_delete=True: " + ", ".join(wrong)


class _Rows(HTMLParser):
    """The parts of includes/_formset.html for one prefix: controls, rows, the empty row."""

    def __init__(self, prefix):
        super().__init__()
        self.prefix, self.depth, self.in_template = prefix, None, False
        self.add = self.removes = self.template_names = 0
        self.rows = self.confirms = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("data-formset-prefix") == self.prefix:
            self.depth = 0
        if self.depth is None:
            return
        if tag == "div":
            self.depth += 1
        if tag == "template" and "data-formset-empty" in attrs:
            self.in_template = True
        name = attrs.get("name") or ""
        if self.in_template and name.startswith(f"{self.prefix}-__prefix__-"):
            self.template_names += 1
        if "data-formset-add" in attrs:
            self.add += 1
        if "data-formset-remove" in attrs and not self.in_template:
            self.removes += 1
            self.confirms += "data-formset-confirm" in attrs
        if "data-formset-row" in attrs and not self.in_template:
            self.rows += 1

    def handle_endtag(self, tag):
        if self.depth is None:
            return
        if tag == "template":
            self.in_template = False
        if tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.depth = None


def extra_rows_html(page, formset):
    """The HTML of the page's extra rows of ``formset`` and of its empty row."""
    parts = re.findall(r"<tr data-formset-row.*?</tr>", page, flags=re.S)
    initial = formset.initial_form_count()
    names = [f"{formset.prefix}-{i}-" for i in range(initial, formset.total_form_count())]
    names.append(f"{formset.prefix}-__prefix__-")
    return [part for part in parts if any(f'name="{name}' in part for name in names)]


def test_every_formset_page_adds_and_removes_rows_and_an_empty_row_is_not_required(
    client,
    people,  # noqa: F811 (fixture)
):
    world = edit_world(people)
    seen, wrong = set(), []
    for url_name, _role, url, response in matrix_pages(client, people, world):
        page = response.text
        for formset in page_formsets(response):
            seen.add(type(formset))
            where = f"{url_name} {formset.prefix}"
            rows = _Rows(formset.prefix)
            rows.feed(page)
            if rows.add != 1 or rows.template_names == 0:
                wrong.append(f"{where}: no add control or no empty-row template")
            if rows.rows != len(formset.forms) or rows.removes != rows.rows:
                wrong.append(f"{where}: {rows.rows} rows, {rows.removes} remove controls")
            if rows.confirms != formset.initial_form_count():
                wrong.append(f"{where}: {rows.confirms} of the saved rows ask before removal")
            for html in extra_rows_html(page, formset):
                if "asteriskField" in html or re.search(r"\srequired[\s>=]", html):
                    wrong.append(f"{where}: an empty row is marked required")
            # The page's own values, as a browser sends them: the empty rows are not validated.
            bound = type(formset)(
                form_data(page, url),
                instance=formset.instance,
                prefix=formset.prefix,
                form_kwargs=formset.form_kwargs,
            )
            if not bound.is_valid():
                wrong.append(f"{where}: the rows as shown do not validate: {bound.errors}")
            if any(form.has_changed() for form in bound.extra_forms):
                wrong.append(f"{where}: an empty row counts as changed")
    assert not wrong, "\n".join(wrong)
    missing = {name for name, formset in project_formset_classes().items() if formset not in seen}
    assert not missing, f"no page of the matrix shows these formsets: {missing}"


def test_the_services_a_request_names_are_the_first_rows_of_its_assessment(db, kipus):
    person = Person.objects.create(
        first_name="Anna",
        last_name="Nowak",
        birth_date=date(1950, 1, 2),
        id_document_type="id_card",
        id_document_number="A1",
    )
    taxi, care = ServiceFactory(name="Taksówka", unit="ride"), ServiceFactory(name="Opieka")
    request_obj = Request.objects.create(
        person=person, channel="phone", coordinator=kipus, requested_text=""
    )
    request_obj.requested_services.set([taxi, care])
    assessment = start_assessment(request_obj, kipus)
    rows = AssessmentServiceRow.objects.filter(assessment=assessment)
    assert {(row.service, row.kind) for row in rows} == {
        (taxi, ServiceRowKind.WANTED),
        (care, ServiceRowKind.WANTED),
    }
    assert rows.get(service=taxi).unit == taxi.get_unit_display()
