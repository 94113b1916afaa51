"""Every named URL pattern of the project, for tests that walk them all."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch


def named_patterns(patterns=None, namespace=""):
    """Yield (view name, pattern) for every named URL pattern."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def all_views():
    return sorted(dict(named_patterns()).items())


def build_url(view_name, pattern, value):
    """The URL of ``view_name`` with every parameter set to ``value``, or None."""
    regex = pattern.pattern.regex
    names = list(regex.groupindex)
    positional = regex.groups - len(names)
    try:
        if positional:
            return reverse(view_name, args=[value] * positional)
        return reverse(view_name, kwargs=dict.fromkeys(names, value))
    except NoReverseMatch:
        return None


def sample_url(view_name, pattern, values=("1", "cus", "x")):
    for value in values:
        url = build_url(view_name, pattern, value)
        if url is not None:
            return url
    return None
