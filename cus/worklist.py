"""Sections other apps add to the director's work list (ipus:plan-worklist), which IPUS owns:
``register(function)`` from ``AppConfig.ready``; ``function(user)`` returns a (template name,
context dict) pair to draw under the IPUS tables, or None when it has nothing for the user."""

_sections = []


def register(function):
    if function not in _sections:
        _sections.append(function)


def sections_for(user):
    return [section for function in _sections if (section := function(user))]
