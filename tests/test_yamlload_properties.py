"""Property-based tests: the loader never raises, whatever it is given."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.yamlload import load_bytes, load_text

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_alphabet = st.sampled_from(
    [*list(":-[]{}&*!|>'\"#%@`,?\n\t ~<=æøå0123456789abcyesnoontrue."), "\ufeff", "\x00", "\x85"]
)
yaml_like = st.lists(yaml_alphabet, max_size=200).map("".join)

# Text only: a double-quoted dump of None, booleans or numbers carries an explicit tag, which
# the loader rightly refuses; typed scalars are covered by the unit tests.
json_leaf = st.text(max_size=30)
json_values = st.recursive(
    json_leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    result = load_bytes(raw, "fuzz.yaml", positions=True)
    assert (result.data is None) == bool(result.diagnostics)


@SETTINGS
@given(yaml_like)
def test_yaml_like_text_never_raises(text: str) -> None:
    result = load_text(text, "fuzz.yaml", positions=True)
    assert (result.data is None) == bool(result.diagnostics)
    if result.data is not None:
        json.dumps(result.data)  # always plain JSON data


@SETTINGS
@given(st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=5))
def test_round_trip_of_json_data(data: dict) -> None:
    """Text written by a YAML dumper (every scalar double-quoted) loads back unchanged."""
    text = yaml.safe_dump(data, allow_unicode=True, default_style='"') if data else "{}"
    result = load_text(text, "rt.yaml")
    if not data:
        assert result.data == {}
        return
    assert result.diagnostics == ()
    assert result.data == data
