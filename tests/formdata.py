"""What a browser would post from a page's form, for tests that submit forms they did not write.

``form_data(page)`` reads the page's POST forms as a browser fills them before the
user types anything: every input's value, checked boxes and radios only, the
selected options of each select (the first option of a single select when none is
marked), each textarea's text. File inputs and submit buttons are left out.
"""

import html.parser
from dataclasses import dataclass, field

TEXT_INPUTS = {
    "",
    "text",
    "hidden",
    "number",
    "date",
    "time",
    "month",
    "email",
    "tel",
    "url",
    "search",
    "password",
    "datetime-local",
}


@dataclass
class Form:
    """One <form method="post">: its action and the fields a browser would send."""

    action: str
    data: dict = field(default_factory=dict)  # name -> list of values

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)


class _Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None  # (name, multiple, [(value, selected)])
        self.option = None  # [value or None, text, selected]
        self.textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.form = Form(attrs.get("action") or "")
                self.forms.append(self.form)
            return
        if self.form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "").lower()
            if kind in TEXT_INPUTS:
                self.form.add(name, attrs.get("value") or "")
            elif kind in ("checkbox", "radio") and "checked" in attrs:
                self.form.add(name, attrs.get("value", "on"))
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs, [])
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        elif self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            self.select[2].append((text.strip() if value is None else value, selected))
            self.option = None
        elif tag == "select" and self.select is not None:
            name, multiple, options = self.select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            for value in chosen:
                self.form.add(name, value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the one newline that may follow <textarea>.
            self.form.add(name, text[1:] if text.startswith("\n") else text)
            self.textarea = None


def post_forms(page):
    """Every POST form of ``page`` (HTML text), in page order."""
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def form_data(page, action):
    """The data of the page's largest POST form posting to ``action``.

    A form without an action posts to the page itself: pass the page's own URL for it.
    """
    forms = [form for form in post_forms(page) if form.action in ("", action)]
    if not forms:
        raise LookupError(f"no POST form posting to {action!r} on the page")
    form = max(forms, key=lambda form: len(form.data))
    return {name: values if len(values) > 1 else values[0] for name, values in form.data.items()}
