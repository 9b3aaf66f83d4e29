"""Build model objects from schema-valid data, by keyword, from the classes' own fields.

One generic builder replaces a builder function per kind: for each dataclass field it reads the
YAML key of the same name (or the field's `yaml_key`), converts the value by the field's type
(dates to `datetime.date`, enum values to their enum, lists to tuples, mappings to read-only
mappings, nested objects to their class), and leaves absent optional fields at their defaults.
A field marked `container()` gets the id of the document the item stands in; a `where` field
gets the file and JSON Pointer of the object.

The conversion plan of each class is worked out once (type hints are slow to read) and reused
for every object of that class, because a 10,000-document check builds half a million objects.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from typing import Any

from .diagnostics import pointer_join
from .model import CONTAINER, YAML_KEY, Where, frozen_map

Path = tuple[str | int, ...]
# A converter turns a YAML value into the field's value; structural ones also need to know
# where the value stands (to give nested objects their `where`) and its document's id.
Simple = Callable[[Any], Any]
Structural = Callable[[Any, str, Path, str], Any]


Builder = Callable[[Mapping[str, Any], str, Path, str], Any]
_BUILDERS: dict[type, Builder] = {}


def build(cls: type, data: Mapping[str, Any], file: str, path: Path = (), document: str = "") -> Any:
    """An instance of `cls` from schema-valid `data` standing at `path` in `file`."""
    builder = _BUILDERS.get(cls) or _compile(cls)
    return builder(data, file, path, document or str(data.get("id", "")))


def _compile(cls: type) -> Builder:
    """Write the builder of one class as straight-line code, once, the way `dataclasses` writes
    `__init__`. A loop over a field plan per object, and the frozen `__init__` that sets each
    field through `object.__setattr__`, cost twice as much at half a million objects: the
    generated code fills the new instance's `__dict__` directly, in field order (so instances
    keep sharing their keys, as `__init__` would). It only moves values; what each field needs
    comes from its type hint, and the guard test in tests/test_registry.py keeps the fields
    without a default equal to the schema's required ones."""
    hints = typing.get_type_hints(cls)
    names: dict[str, Any] = {"cls": cls, "Where": Where, "pointer_join": pointer_join, "new": object.__new__}
    lines = ["def build(data, file, path, document):", "    obj = new(cls)", "    fields = obj.__dict__"]
    for f in dataclasses.fields(cls):
        if f.name == "where":
            value = "Where(file, pointer_join(*path) if path else '')"
        elif f.metadata.get(CONTAINER):
            value = "document"
        else:
            value = _field_value(f, hints[f.name], names)
        lines.append(f"    fields[{f.name!r}] = {value}")
    lines.append("    return obj")
    # The code is made only from the class's own field names and converters, never from data.
    exec("\n".join(lines), names)
    builder: Builder = names["build"]
    _BUILDERS[cls] = builder
    return builder


def _field_value(f: dataclasses.Field[Any], hint: Any, names: dict[str, Any]) -> str:
    """The expression that gives one field its value from the YAML data (or its default)."""
    key = f.metadata.get(YAML_KEY, f.name)
    simple, structural = _converter(hint)
    value = f"data[{key!r}]"
    if structural is not None:
        names[f"s_{f.name}"] = structural
        value = f"s_{f.name}({value}, file, (*path, {key!r}), document)"
    elif simple is not None:
        names[f"c_{f.name}"] = simple
        value = f"c_{f.name}({value})"
    if f.default is not dataclasses.MISSING:
        names[f"d_{f.name}"] = f.default
        return f"{value} if {key!r} in data else d_{f.name}"
    if f.default_factory is not dataclasses.MISSING:
        names[f"f_{f.name}"] = f.default_factory
        return f"{value} if {key!r} in data else f_{f.name}()"
    return value  # required: the schema guarantees it is there


def _converter(tp: Any) -> tuple[Simple | None, Structural | None]:
    """(simple, structural) converter for a field type; (None, None) means "keep as it is"."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else (None, None)
    if origin is tuple:
        return _tuple_of(args[0])
    if origin in (Mapping, dict, typing.Mapping):
        return _mapping_of(args[1])
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return None, _BUILDERS.get(tp) or _compile(tp)  # nested classes are compiled with their holder
    if tp is date:
        return date.fromisoformat, None
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp._value2member_map_.__getitem__, None  # the enum's own lookup, without Enum.__call__
    return None, None


def _tuple_of(item: Any) -> tuple[Simple | None, Structural | None]:
    simple, structural = _converter(item)
    if structural is not None:
        nested = structural
        return None, lambda value, file, path, doc: tuple(
            [nested(v, file, (*path, i), doc) for i, v in enumerate(value)]
        )
    if simple is not None:
        convert = simple
        return lambda value: tuple([convert(v) for v in value]), None
    return tuple, None


def _mapping_of(item: Any) -> tuple[Simple | None, Structural | None]:
    simple, structural = _converter(item)
    if structural is not None:
        nested = structural
        return None, lambda value, file, path, doc: frozen_map(
            {k: nested(v, file, (*path, k), doc) for k, v in value.items()}
        )
    convert = simple or (lambda v: v)
    return lambda value: frozen_map({k: convert(v) for k, v in value.items()}), None
