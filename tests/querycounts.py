"""Pinned SQL query counts that can regenerate themselves (NetBox's habit).

A test keeps its pins in a dict literal of its own module and compares what it measured:

    PINNED = {
        "Lista planów": 7,  # comments stay where they are
    }

    querycounts.check(PINNED, {"Lista planów": len(queries)}, __file__)

A difference fails the test with the keys that moved. With ``UPDATE_QUERY_COUNTS=1`` in the
environment the dict is rewritten in place in the test file instead (only the values that
changed; with ``complete=True`` keys nobody measured any more are dropped and new ones
added), and the test passes. Two measurements of the same key in one run must still agree:
a count that differs between 3 and 30 rows, or between two data sizes, is an N+1 query and
fails whatever the variable says.
"""

import ast
import json
import os
from pathlib import Path

import pytest

UPDATE = os.environ.get("UPDATE_QUERY_COUNTS") == "1"
HINT = (
    "If the change is meant, regenerate the pins: "
    'UPDATE_QUERY_COUNTS=1 make test PYTEST_ARGS="{path}" and review the diff.'
)

# (file, dict name, key) -> the counts first measured in this run.
_measured = {}


def check(pins, measured, file, name="PINNED", *, complete=False):
    """Compare ``measured`` with ``pins`` (the dict literal ``name`` in ``file``).

    ``complete``: ``measured`` holds every key the dict should have (else only some).
    """
    path = Path(file).resolve()
    stale = set(pins) - set(measured) if complete else set()
    moved = {key: value for key, value in measured.items() if pins.get(key) != value}
    for key, value in measured.items():
        first = _measured.setdefault((path, name, key), value)
        if first != value:
            pytest.fail(
                f"{name}[{key!r}] measured {_literal(first)} earlier in this run and "
                f"{_literal(value)} now: the count depends on the data.",
                pytrace=False,
            )
    if not moved and not stale:
        return
    if not UPDATE:
        lines = [f"Query counts differ from {name} in {_relative(path)}:"]
        lines += [
            f"  {key!r}: pinned {_literal(pins[key]) if key in pins else '(none)'}, "
            f"measured {_literal(value)}"
            for key, value in moved.items()
        ]
        lines += [f"  {key!r}: pinned, no longer measured" for key in sorted(stale)]
        lines.append(HINT.format(path=_relative(path)))
        pytest.fail("\n".join(lines), pytrace=False)
    pins.update(moved)
    for key in stale:
        del pins[key]
    _rewrite(path, name, moved, stale, pins)


def _relative(path):
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _literal(value):
    """The value as Python source; sets sorted, so a rewrite is stable."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # the quotes ruff format writes
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(_literal(item) for item in sorted(value)) + "}"
    return repr(value)


def _find_dict(tree, name):
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        named = any(isinstance(t, ast.Name) and t.id == name for t in targets)
        if named and isinstance(node.value, ast.Dict):
            return node.value
    raise LookupError(f"no dict literal assigned to {name}")


def _span(node):
    return node.lineno, node.col_offset, node.end_lineno, node.end_col_offset


def _rewrite(path, name, moved, stale, pins):
    """Write ``moved`` values, drop ``stale`` keys, add new keys; leave the rest as it is."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    node = _find_dict(ast.parse(source), name)
    entries = {
        ast.literal_eval(key): (key, value)
        for key, value in zip(node.keys, node.values, strict=True)
    }
    edits = []  # (start line, start column, end line, end column, new text); 1-based lines
    for key, value in moved.items():
        if key in entries:
            edits.append((*_span(entries[key][1]), _literal(value)))
    for key in stale:
        key_node, value_node = entries[key]
        if lines[key_node.lineno - 1].encode("utf-8")[: key_node.col_offset].strip():
            raise ValueError(f"{name}[{key!r}] shares its line: remove it by hand")
        edits.append((key_node.lineno, 0, value_node.end_lineno + 1, 0, ""))
    added = [key for key in moved if key not in entries]
    if added:
        if node.end_lineno == node.lineno:
            raise ValueError(f"{name} is on one line: add {added} by hand")
        text = "".join(f"    {_literal(key)}: {_literal(moved[key])},\n" for key in added)
        edits.append((node.end_lineno, 0, node.end_lineno, 0, text))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    data = source.encode("utf-8")
    for start_line, start_col, end_line, end_col, text in sorted(edits, reverse=True):
        start = offsets[start_line - 1] + start_col
        end = offsets[end_line - 1] + end_col
        data = data[:start] + text.encode("utf-8") + data[end:]
    source = data.decode("utf-8")
    written = ast.literal_eval(_find_dict(ast.parse(source), name))
    if written != pins:
        raise ValueError(f"rewriting {name} in {path} went wrong; nothing written")
    path.write_text(source, encoding="utf-8")
