"""Templates stay readable: no line over 200 characters (djhtml, run by `make test`, keeps the
indentation). A Django tag cannot span lines, so a long line is broken between tags, between
attributes or at a space in text, never inside a {% … %} or a translated string."""

from pathlib import Path

from django.conf import settings

MAX_LINE = 200

# Being rewritten on another branch; the lead formats them after the merge and empties this set.
EXCLUDED_UNTIL_MERGE = {
    "base.html",
    "cus/accesslog_list.html",
    "cus/home/_kipus.html",
    "cus/includes/_accesslog_table.html",
    "ipus/includes/_items_table.html",
    "ipus/includes/_worklist_table.html",
    "ipus/person_search.html",
    "ipus/plan_detail.html",
    "ipus/plan_list.html",
    "ipus/request_detail.html",
    "ipus/request_list.html",
    "ipus/version_detail.html",
    "osl/activity_list.html",
    "osl/plan_progress.html",
    "services/includes/_service_table.html",
    "services/public/catalogue.html",
    "services/service_list.html",
}


def test_no_template_line_is_longer_than_200_characters():
    templates = Path(settings.BASE_DIR) / "templates"
    too_long = [
        f"{path.relative_to(templates)}:{number} ({len(line)})"
        for path in sorted(templates.rglob("*.html"))
        if path.relative_to(templates).as_posix() not in EXCLUDED_UNTIL_MERGE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert not too_long, "\n".join(too_long)
