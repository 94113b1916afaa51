"""What a browser sends back from an admin change page, for tests that post admin forms.

``posted_back(response)`` reads the page's form as a browser would (inputs, checked boxes,
selected options, text areas; no files, no disabled fields, no inline templates), so a
test can save a page unchanged, or with one value replaced, without knowing its fields.
"""

import html.parser

SKIPPED_INPUTS = {"file", "submit", "button", "reset", "image"}


class _Form(html.parser.HTMLParser):
    """The fields of the admin change form (``<form id="<model>_form">``) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs = []
        self._in_form = False
        self._select = None  # (name, multiple, options, any selected)
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = attrs.get("id", "").endswith("_form")
            return
        if not self._in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in SKIPPED_INPUTS:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value", "on")))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = [value for value, selected in select["options"] if selected]
            if not chosen and not select["multiple"] and select["options"]:
                chosen = [select["options"][0][0]]  # a browser sends the first option
            self.pairs.extend((select["name"], value) for value in chosen)
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._textarea = None
            # HTML drops the newline that starts a text area's content.
            self.pairs.append((name, text[1:] if text.startswith("\n") else text))


def posted_back(response, **replaced):
    """The POST data of the admin form on ``response``, with ``replaced`` values put in."""
    parser = _Form()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.pairs:
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    data.pop("_popup", None)
    for name, value in replaced.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def has_save_button(response):
    """Whether the admin page offers to save (a change form the user may change)."""
    return 'name="_save"' in response.content.decode()
