"""Templates stay readable: no line over 200 characters (djhtml, run by `make test`, keeps the
indentation). A Django tag cannot span lines, so a long line is broken between tags, between
attributes or at a space in text, never inside a {% … %} or a translated string."""

from pathlib import Path

from django.conf import settings

MAX_LINE = 200


def test_no_template_line_is_longer_than_200_characters():
    templates = Path(settings.BASE_DIR) / "templates"
    too_long = [
        f"{path.relative_to(templates)}:{number} ({len(line)})"
        for path in sorted(templates.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert not too_long, "\n".join(too_long)
