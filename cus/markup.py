"""A lightweight, safe markup for narrative text (an OSL plan's sections, a community's
description): what centres write in Word — paragraphs, bulleted and numbered lists, bold —
without HTML.

- a blank line separates paragraphs; a single line break inside one stays a line break;
- consecutive lines starting with "- ", "* " or "• " form a bulleted list;
- consecutive lines starting with a number and "." or ")" ("1. ", "2) ") form a numbered list,
  which keeps its first number;
- ``**bold**`` and ``*italic*`` inside any line.

Everything is HTML-escaped first: the result is safe whatever was typed. ``render_markup`` is
the ``|markup`` filter of the Django templates (a builtin, cus.templatetags.cus_markup) and of
the Jinja2 rows (cus/jinja2.py), for pages and PDFs alike.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")

HELP = _(
    "Akapity oddziela pusta linia. Lista punktowana: wiersze zaczynające się od „- ”; "
    "lista numerowana: od „1. ”, „2. ”…; pogrubienie: **tekst**, kursywa: *tekst*."
)


def _inline(text):
    """One line's text, escaped, with its bold and italic."""
    text = escape(text)
    text = BOLD.sub(r"<strong>\1</strong>", text)
    return ITALIC.sub(r"<em>\1</em>", text)


def _kind(line):
    if BULLET.match(line):
        return "ul"
    if NUMBERED.match(line):
        return "ol"
    return "p"


def render_markup(text):
    """``text`` as safe HTML (see the module's rules)."""
    if not text:
        return mark_safe("")
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    html, block, kind = [], [], None

    def close():
        if not block:
            return
        if kind == "p":
            html.append("<p>" + "<br>".join(_inline(line.strip()) for line in block) + "</p>")
        elif kind == "ul":
            items = "".join(f"<li>{_inline(BULLET.match(line)[1])}</li>" for line in block)
            html.append(f"<ul>{items}</ul>")
        else:
            first = int(NUMBERED.match(block[0])[1])
            start = f' start="{first}"' if first != 1 else ""
            items = "".join(f"<li>{_inline(NUMBERED.match(line)[2])}</li>" for line in block)
            html.append(f"<ol{start}>{items}</ol>")
        block.clear()

    for line in lines:
        if not line.strip():
            close()
            kind = None
            continue
        line_kind = _kind(line)
        if line_kind != kind:
            close()
            kind = line_kind
        block.append(line)
    close()
    return mark_safe("\n".join(html))
