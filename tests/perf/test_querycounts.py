"""tests/querycounts.py: pins compared, and rewritten in place with UPDATE_QUERY_COUNTS=1."""

import ast

import pytest

from tests import querycounts

SOURCE = '''"""A test module."""

PINNED = {
    # A list page.
    "Lista planów": {(10, 6), (11, 7)},
    "Karta planu": {(10, 10)},  # the plan's items
    "Usunięta": {(3, 3)},
}
OTHER = {"activities": 5, "progress": 9}  # on one line
'''


@pytest.fixture
def module(tmp_path, monkeypatch):
    monkeypatch.setattr(querycounts, "_measured", {})
    path = tmp_path / "test_pins.py"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def _pins(path, name="PINNED"):
    return ast.literal_eval(querycounts._find_dict(ast.parse(path.read_text()), name))


def test_equal_counts_pass_and_touch_nothing(module):
    pins = _pins(module)
    querycounts.check(pins, {"Karta planu": {(10, 10)}}, module)
    querycounts.check(pins, dict(pins), module, complete=True)
    assert module.read_text() == SOURCE


def test_a_difference_fails_and_says_how_to_regenerate(module, monkeypatch):
    monkeypatch.setattr(querycounts, "UPDATE", False)
    with pytest.raises(pytest.fail.Exception) as failure:
        querycounts.check(_pins(module), {"Karta planu": {(11, 11)}}, module)
    message = str(failure.value)
    assert "'Karta planu': pinned {(10, 10)}, measured {(11, 11)}" in message
    assert "UPDATE_QUERY_COUNTS=1" in message
    assert module.read_text() == SOURCE


def test_with_the_variable_the_dict_is_rewritten_in_place(module, monkeypatch):
    monkeypatch.setattr(querycounts, "UPDATE", True)
    pins = _pins(module)
    measured = {
        "Lista planów": {(7, 11), (6, 10)},
        "Karta planu": {(10, 10)},
        "Nowa strona": {(4, 4)},
    }
    querycounts.check(pins, measured, module, complete=True)
    assert pins == _pins(module) == measured
    text = module.read_text()
    assert '    # A list page.\n    "Lista planów": {(6, 10), (7, 11)},\n' in text
    assert '"Karta planu": {(10, 10)},  # the plan\'s items' in text
    assert "Usunięta" not in text
    assert text.endswith(
        '    "Nowa strona": {(4, 4)},\n}\nOTHER = {"activities": 5, "progress": 9}  # on one line\n'
    )
    querycounts.check(pins, measured, module, complete=True)  # stable: nothing to do
    assert module.read_text() == text


def test_a_dict_on_one_line_has_its_values_rewritten_too(module, monkeypatch):
    monkeypatch.setattr(querycounts, "UPDATE", True)
    pins = _pins(module, "OTHER")
    querycounts.check(pins, {"progress": 10}, module, "OTHER")
    assert pins == _pins(module, "OTHER") == {"activities": 5, "progress": 10}
    assert 'OTHER = {"activities": 5, "progress": 10}  # on one line\n' in module.read_text()


def test_counts_that_depend_on_the_data_fail_even_with_the_variable(module, monkeypatch):
    monkeypatch.setattr(querycounts, "UPDATE", True)
    pins = _pins(module, "OTHER")
    querycounts.check(pins, {"activities": 6}, module, "OTHER")  # 3 rows
    with pytest.raises(pytest.fail.Exception, match="depends on the data"):
        querycounts.check(pins, {"activities": 7}, module, "OTHER")  # 30 rows
    assert _pins(module, "OTHER")["activities"] == 6
