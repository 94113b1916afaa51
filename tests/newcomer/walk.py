"""A breadth-first walk of a running CUS over HTTP, as a person clicking every link.

No list of URLs: from ``/`` every same-origin ``<a href>`` of every HTML page is
followed (GET only), and every response is judged the way a user would meet it.
Used by tests/newcomer/test_demo_walk.py against a real ``make demo``.
"""

import html.parser
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, deque
from dataclasses import dataclass, field

SLOW_SECONDS = 2.0
# Query-string variants followed per path (sort orders, filters and pages of one list
# are one page to a reader; an admin change list offers hundreds of combinations).
QUERY_VARIANTS_PER_PATH = 4
MAX_PAGES = 3000
# Nothing that ends the session; nothing outside the app.
SKIP_PATHS = re.compile(r"^/(logout/|static/)")
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DEBUG_PAGE = re.compile(r"You're seeing this error because you have|technical_500|Traceback \(most")


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.lang = None
        self.csrf = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html" and self.lang is None:
            self.lang = attrs.get("lang", "")
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf = self.csrf or attrs.get("value")


def parse(text):
    parser = _Links()
    parser.feed(text)
    return parser


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Walk:
    """The outcome of one role's walk."""

    role: str
    pages: int = 0
    kinds: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)
    visited: dict = field(default_factory=dict)  # path -> (status, content type)
    slowest: tuple = (0.0, "")


class Browser:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.origin = urllib.parse.urlsplit(self.base).netloc
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def fetch(self, path, data=None, headers=None):
        """(status, headers, body bytes, seconds, final path), following redirects."""
        started = time.monotonic()
        for _hop in range(10):
            request = urllib.request.Request(
                self.base + path,
                data=urllib.parse.urlencode(data).encode() if data is not None else None,
                headers={"Referer": self.base + path, **(headers or {})},
            )
            try:
                with self.opener.open(request, timeout=60) as response:
                    status, head, body = response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                status, head, body = error.code, error.headers, error.read()
            if status in (301, 302, 303, 307, 308) and head.get("Location"):
                target = urllib.parse.urljoin(self.base + path, head["Location"])
                parts = urllib.parse.urlsplit(target)
                if parts.netloc != self.origin:
                    break
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                data = None
                continue
            break
        return status, head, body, time.monotonic() - started, path

    def login(self, username, password):
        status, _head, body, _seconds, _path = self.fetch("/login/")
        token = parse(body.decode("utf-8", "replace")).csrf
        if status != 200 or not token:
            raise AssertionError(f"login page answered {status} without a form")
        status, _head, body, _seconds, path = self.fetch(
            "/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        if status != 200 or path.startswith("/login/"):
            raise AssertionError(f"{username} could not log in (status {status}, at {path})")


def _normalise(base_path, href):
    """The same-origin path?query an href leads to, or None."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urllib.parse.urlsplit(urllib.parse.urljoin("http://app" + base_path, href))
    if parts.netloc != "app" or parts.scheme not in {"http", "https"}:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def walk(base, role, username=None, password=None):
    """Walk everything ``username`` (anonymous when None) is shown, starting at ``/``."""
    browser = Browser(base)
    if username:
        browser.login(username, password)
    result = Walk(role=role)
    queue = deque([("/", "(start)")])
    seen = {"/"}
    variants = Counter()
    while queue and result.pages < MAX_PAGES:
        path, referrer = queue.popleft()
        status, head, body, seconds, final = browser.fetch(path)
        result.pages += 1
        content_type = (head.get("Content-Type") or "").split(";")[0].strip()
        result.visited[path] = (status, content_type)
        where = f"{path} (link on {referrer})"
        if seconds > result.slowest[0]:
            result.slowest = (seconds, path)
        if status >= 500:
            result.problems.append(f"{status}: {where}")
        elif status in (403, 404):
            result.problems.append(f"{status} for a link the app shows: {where}")
        elif status >= 400:
            result.problems.append(f"{status}: {where}")
        if seconds > SLOW_SECONDS:
            result.problems.append(f"{seconds:.2f} s: {where}")
        if username and final.startswith("/login/"):
            result.problems.append(f"sent to the login page: {where}")
            break
        suffix = next(
            (s for s in CONTENT_TYPES if urllib.parse.urlsplit(path).path.endswith(s)), None
        )
        if suffix and status == 200:
            result.kinds[suffix] += 1
            if content_type != CONTENT_TYPES[suffix]:
                result.problems.append(f"{path} is served as {content_type!r}")
            elif suffix == ".pdf" and not body.startswith(b"%PDF-"):
                result.problems.append(f"{path} is not a PDF")
            elif suffix == ".xlsx" and not body.startswith(b"PK"):
                result.problems.append(f"{path} is not an XLSX workbook")
        if content_type != "text/html":
            if not suffix:
                result.kinds[content_type or "(none)"] += 1
            continue
        result.kinds["text/html"] += 1
        text = body.decode("utf-8", "replace")
        if DEBUG_PAGE.search(text):
            result.problems.append(f"Django's debug page: {where}")
        page = parse(text)
        if page.lang != "pl":
            result.problems.append(f'no lang="pl" ({page.lang!r}): {where}')
        for href in page.links:
            target = _normalise(final, href)
            if target is None or target in seen or SKIP_PATHS.match(target):
                continue
            bare = target.split("?", 1)[0]
            if "?" in target:
                if variants[bare] >= QUERY_VARIANTS_PER_PATH:
                    continue
                variants[bare] += 1
            seen.add(target)
            queue.append((target, path))
    if queue:
        result.problems.append(f"stopped after {MAX_PAGES} pages with {len(queue)} still queued")
    return result
