"""The fast validator (jsonschema-rs) and the reference one (jsonschema) must agree.

The check trusts the fast path's "valid"; if it ever accepted what jsonschema rejects, an
invalid document would reach the site. These tests compare both on every real and example
document and on random mutations of them.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.schemas import SchemaSet
from handbook.yamlload import load_bytes

from .conftest import json_paths, parent_of

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = SchemaSet(REPO / "qms" / "schemas")


def _documents() -> list[tuple[str, dict[str, Any]]]:
    docs = []
    for path in sorted([*REPO.glob("qms/**/*.yaml"), *REPO.glob("tests/examples/**/*.yaml")]):
        data = load_bytes(path.read_bytes(), str(path)).data
        if data is not None and data.get("kind") in SCHEMAS.validators:
            docs.append((str(path.relative_to(REPO)), data))
    return docs


DOCS = _documents()


def agree(kind: str, data: Any) -> None:
    fast = SCHEMAS.fast[kind].is_valid(data)
    slow = not list(SCHEMAS.validators[kind].iter_errors(data))
    assert fast == slow, (kind, data)


@pytest.mark.parametrize(("name", "data"), DOCS, ids=[name for name, _ in DOCS])
def test_validators_agree_on_every_document(name: str, data: dict[str, Any]) -> None:
    agree(data["kind"], data)


MUTANT_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", "x", "2026-02-30", "2026-13-01", "2026-01-01", "PR-01", "pr 1", "RA", "AR", "effective", "é"]),
    st.lists(st.sampled_from(["PR-01", "x", ""]), max_size=3),
    st.fixed_dictionaries({}),
)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_validators_agree_on_mutations(data: st.DataObject) -> None:
    _, doc = data.draw(st.sampled_from(DOCS))
    mutant = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(json_paths(mutant)[1:] or [("id",)]))
        parent = parent_of(mutant, path)
        if data.draw(st.booleans()) and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif isinstance(parent, (dict, list)):
            parent[path[-1]] = data.draw(MUTANT_VALUES)
    agree(doc["kind"], mutant)


def _patterns(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            found |= _patterns(value)
    elif isinstance(node, list):
        for value in node:
            found |= _patterns(value)
    return found


PATTERNS = sorted(_patterns(SCHEMAS.raw))
NEAR_VALID = st.sampled_from(["PR-01", "GSPR-17.2", "A1", "2026-11-02", "RA", "REVIEW-DUE-SOON", "data/kommuner.csv"])
TRICKY = st.sampled_from(["\n", "\r", "\r\n", "\x00", "\x0b", "\x1f", "\u2028", "\u0085", " ", "$", "é"])


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(PATTERNS), NEAR_VALID, st.lists(st.tuples(st.integers(0, 20), TRICKY), max_size=3))
def test_every_schema_pattern_means_the_same_to_both_validators(pattern: str, base: str, inserts: list) -> None:
    """Control characters and newlines anywhere, the end included (Python's `$` matches before a
    final newline; JSON Schema's does not): both validators give the same answer."""
    import jsonschema_rs

    from handbook.schemas import _Reference

    text = base
    for position, char in inserts:
        at = min(position, len(text))
        text = text[:at] + char + text[at:]
    schema = {"type": "string", "pattern": pattern}
    fast = jsonschema_rs.validator_for(schema).is_valid(text)
    reference = not list(_Reference(schema).iter_errors(text))
    assert fast == reference, (pattern, text)


def test_an_id_with_a_trailing_newline_is_rejected_with_a_message() -> None:
    record = {
        "kind": "record",
        "confidentiality": "public",
        "title": "x",
        "description": "y",
        "owner": "FSA",
        "location": "z",
        "retention": "r",
        "status": "planned",
    }
    violations = SCHEMAS.violations("record", {**record, "id": "REC-01\n"})
    assert [(v.pointer, v.rule) for v in violations] == [("/id", "SCHEMA-PATTERN")]
