"""The kind registry and the model classes agree with the schemas, both ways, so the schema stays
the authored contract and a field can be neither lost nor invented on the way into the model."""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any

import pytest

from handbook.kinds import KINDS, document_kinds
from handbook.model import CONTAINER, YAML_KEY
from handbook.values import Choice

REPO = Path(__file__).resolve().parents[1]
SCHEMA_DIR = REPO / "qms" / "schemas"
SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.schema.json")}
NOT_IN_MODEL = {"kind"}  # the document's kind is the class itself


def resolve(node: dict[str, Any], current: str) -> tuple[dict[str, Any], str]:
    """Follow `$ref` (local or to another schema file) until a schema object with content."""
    while "$ref" in node:
        target, _, fragment = node["$ref"].partition("#")
        current = target or current
        found: Any = SCHEMAS[current]
        for part in fragment.strip("/").split("/") if fragment else []:
            found = found[part]
        node = found
    return node, current


def unwrap(tp: Any) -> tuple[Any, bool]:
    """(inner type, is a tuple) with Optional removed."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        inner = [a for a in args if a is not type(None)]
        return unwrap(inner[0])
    if origin is tuple:
        return args[0], True
    return tp, False


def pairs() -> list[tuple[str, type, dict[str, Any], str]]:
    """(where, model class, schema object, schema file) for every class reachable from a kind."""
    found = []

    def walk(where: str, cls: type, schema: dict[str, Any], file: str) -> None:
        schema, file = resolve(schema, file)
        found.append((where, cls, schema, file))
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            inner, many = unwrap(hints[f.name])
            key = f.metadata.get(YAML_KEY, f.name)
            if dataclasses.is_dataclass(inner) and key in schema.get("properties", {}):
                prop, pfile = resolve(schema["properties"][key], file)
                if many:
                    prop, pfile = resolve(prop["items"], pfile)
                walk(f"{where}.{key}", inner, prop, pfile)

    for kind in document_kinds():
        walk(kind.name, kind.model, SCHEMAS[kind.schema], kind.schema)
    return found


PAIRS = pairs()


def model_keys(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {
        f.metadata.get(YAML_KEY, f.name): f
        for f in dataclasses.fields(cls)
        if f.name != "where" and not f.metadata.get(CONTAINER)
    }


@pytest.mark.parametrize(("where", "cls", "schema", "file"), PAIRS, ids=[p[0] for p in PAIRS])
def test_fields_match_schema_properties_both_ways(where: str, cls: type, schema: dict, file: str) -> None:
    assert set(model_keys(cls)) == set(schema["properties"]) - NOT_IN_MODEL, where


@pytest.mark.parametrize(("where", "cls", "schema", "file"), PAIRS, ids=[p[0] for p in PAIRS])
def test_required_fields_have_no_default_and_the_rest_do(where: str, cls: type, schema: dict, file: str) -> None:
    required = {
        key
        for key, f in model_keys(cls).items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    assert required == set(schema.get("required", ())) - NOT_IN_MODEL, where


@pytest.mark.parametrize(("where", "cls", "schema", "file"), PAIRS, ids=[p[0] for p in PAIRS])
def test_enum_fields_match_schema_enums(where: str, cls: type, schema: dict, file: str) -> None:
    hints = typing.get_type_hints(cls)
    for key, f in model_keys(cls).items():
        inner, _ = unwrap(hints[f.name])
        if isinstance(inner, type) and issubclass(inner, Choice):
            prop, _ = resolve(schema["properties"][key], file)
            assert set(prop["enum"]) == {m.value for m in inner} - {m.value for m in inner.derived()}, (where, key)
            assert all(m.label for m in inner), inner


def test_every_kind_is_declared_once_with_its_parts() -> None:
    names = [k.name for k in KINDS]
    assert len(names) == len(set(names))
    for kind in KINDS:
        assert kind.singular and kind.plural
        if kind.has_schema:
            assert kind.schema in SCHEMAS, kind.name
        if kind.section:
            assert (REPO / "tools" / "handbook" / "templates" / kind.template).is_file(), kind.template
        if kind.nested_in:
            container = next(k for k in KINDS if k.name == kind.nested_in)
            assert kind.nested_field in {f.name for f in dataclasses.fields(container.model)}
