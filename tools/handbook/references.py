"""Every reference in the model, with where it stands and what kind of thing it must name.

One walker for every kind: it reads the `refers_to(...)` / `refers_to_many(...)` / `ref_keys` metadata of the
model classes' fields and follows nested objects, so a new field or kind needs no code here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .diagnostics import pointer_join
from .kinds import KINDS, SETTINGS_FILE
from .model import ANY_DOCUMENT, REF, REF_KEYS, YAML_KEY, Handbook, Where


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference. Its JSON Pointer is built only when a problem is reported: most
    references resolve, and a 10,000-document check should not build 200,000 strings."""

    file: str
    base: str  # pointer of the object holding the reference
    path: tuple[str | int, ...]  # path from that object to the reference
    target_kind: str  # a kind name, or "document" for any controlled document
    target: str
    on_key: bool = False

    @property
    def source(self) -> Where:
        return Where(self.file, self.base + pointer_join(*self.path))


# How to walk one field: what it holds, its attribute, its YAML key, the kind it refers to, and
# for nested objects whether they carry their own `where` (then their pointer is known).
_REF, _REF_KEYS, _NESTED, _NESTED_MANY = range(4)
_Step = tuple[int, str, str, str, bool]


@cache
def _walk_plan(cls: type) -> tuple[_Step, ...]:
    hints = typing.get_type_hints(cls)
    plan: list[_Step] = []
    for f in dataclasses.fields(cls):
        key = f.metadata.get(YAML_KEY, f.name)
        if REF in f.metadata:
            plan.append((_REF, f.name, key, f.metadata[REF], False))
        elif REF_KEYS in f.metadata:
            plan.append((_REF_KEYS, f.name, key, f.metadata[REF_KEYS], False))
        elif f.name != "where":
            nested, many = _nested_type(hints[f.name])
            if nested is not None and _walk_plan(nested):  # skip parts that never refer to anything
                located = any(g.name == "where" for g in dataclasses.fields(nested))
                plan.append((_NESTED_MANY if many else _NESTED, f.name, key, "", located))
    return tuple(plan)


def _nested_type(tp: Any) -> tuple[type | None, bool]:
    """(model class, is a tuple of them) when a field holds nested model objects."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        return _nested_type(inner[0]) if len(inner) == 1 else (None, False)
    if origin is tuple:
        return (_nested_type(args[0])[0], True) if args else (None, False)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp, False
    return None, False


def _collect(obj: Any, file: str, base: str, prefix: tuple[str | int, ...], out: list[Ref]) -> None:
    """Append every reference in `obj` (and the objects nested in it) to `out`. Plain appends,
    not generators: a 10,000-document check walks 200,000 references."""
    for action, name, key, kind, located in _walk_plan(obj.__class__):
        value = getattr(obj, name)
        if not value:
            continue
        if action == _REF:
            if isinstance(value, str):
                out.append(Ref(file, base, (*prefix, key), kind, value))
            else:
                out.extend(Ref(file, base, (*prefix, key, i), kind, ident) for i, ident in enumerate(value))
        elif action == _REF_KEYS:
            out.extend(Ref(file, base, (*prefix, key, ident), kind, ident, True) for ident in value)
        elif action == _NESTED:
            _collect(value, file, base, (*prefix, key), out)
        elif located:  # items that carry their own pointer
            for item in value:
                _collect(item, item.where.file, item.where.pointer, (), out)
        else:
            for i, item in enumerate(value):
                _collect(item, file, base, (*prefix, key, i), out)


def all_references(hb: Handbook) -> list[Ref]:
    out: list[Ref] = []
    _collect(hb.settings, SETTINGS_FILE, "", (), out)
    for kind in KINDS:
        if kind.nested_in:
            continue  # walked as part of the document that holds them
        for obj in hb.of(kind.name).values():
            _collect(obj, obj.where.file, obj.where.pointer, (), out)
    return out


def targets(hb: Handbook, kind: str) -> Mapping[str, Any]:
    """The id → object mapping that a reference of `kind` must resolve in."""
    if kind == ANY_DOCUMENT:
        return controlled_documents(hb)
    return hb.of(kind)


def controlled_documents(hb: Handbook) -> Mapping[str, Any]:
    """Every document that carries document control, by id."""
    found: dict[str, Any] = {}
    for kind in KINDS:
        if kind.controlled:
            found.update((ident, doc) for ident, doc in hb.of(kind.name).items() if doc.control is not None)
    return found


def kind_of(hb: Handbook, ident: str) -> str:
    """The kind of whatever carries `ident`, or '' when nothing does."""
    return next((kind.name for kind in KINDS if ident in hb.of(kind.name)), "")


def references_of(obj: Any) -> list[Ref]:
    """Every reference one document (or item) makes."""
    out: list[Ref] = []
    _collect(obj, obj.where.file, obj.where.pointer, (), out)
    return out
