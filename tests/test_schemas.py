"""The schemas themselves: valid draft 2020-12, documented, and strict about typos."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from handbook.kinds import document_kinds
from handbook.schemas import SchemaSet

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "qms" / "schemas"
FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_schema_is_valid_against_the_meta_schema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _objects(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{where}/{i}")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_property_has_title_and_description(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    defs = json.loads((SCHEMA_DIR / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]
    for where, obj in _objects(schema):
        for name, prop in obj["properties"].items():
            resolved = {**_deref(prop, defs), **prop}
            assert resolved.get("title") and resolved.get("description"), f"{path.name}{where}/properties/{name}"


def _deref(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    if "#/$defs/" in ref:
        return defs.get(ref.rsplit("/", 1)[1], {})
    return {}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_objects_forbid_unknown_fields(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for where, obj in _objects(schema):
        assert obj.get("additionalProperties") is False, f"{path.name}{where} allows unknown fields"


def test_every_kind_has_a_schema() -> None:
    assert set(SchemaSet(SCHEMA_DIR).validators) == {k.name for k in document_kinds()}


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://git.example.dk/fsa/kpro/-/edit/main/{path}", True),
        ("https://github.com/org/repo/edit/main/{path}?plain=1", True),
        ("http://git.example.dk/edit/{path}", False),  # only https
        ("https://git.example.dk/edit/main/", False),  # no place for the file's path
        ("javascript:alert(1)//{path}", False),
        ("https://git.example.dk/{path} x", False),
    ],
)
def test_edit_url_is_https_with_a_place_for_the_path(url: str, valid: bool) -> None:
    schema = json.loads((SCHEMA_DIR / "settings.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema["properties"]["edit_url"])
    assert validator.is_valid(url) is valid
