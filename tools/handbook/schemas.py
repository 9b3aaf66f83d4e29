"""JSON Schema validation (draft 2020-12). Library errors become Diagnostics at this boundary."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import SchemaError, ValidationError, best_match
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from .constants import SCHEMA_DIR
from .diagnostics import Diagnostic, pointer_join
from .kinds import document_kinds
from .ruleset import diagnose

_RULE_BY_KEYWORD = {
    "required": "SCHEMA-REQUIRED",
    "additionalProperties": "SCHEMA-UNKNOWN-FIELD",
    "unevaluatedProperties": "SCHEMA-UNKNOWN-FIELD",
    "type": "SCHEMA-TYPE",
    "enum": "SCHEMA-ENUM",
    "const": "SCHEMA-ENUM",
    "format": "SCHEMA-FORMAT",
    "pattern": "SCHEMA-PATTERN",
}


@dataclass(frozen=True)
class Violation:
    """A schema error before positions are known: the pointer and, for keys, a key flag."""

    pointer: str
    rule: str
    message: str
    on_key: bool = False
    hint: str = ""
    subject: str = ""  # the field a `required` or unknown-field violation is about


# jsonschema-rs needs absolute URIs; nothing is fetched (all resources are registered).
_BASE_URI = "file:///handbook-schemas/"


class SchemaSet:
    """All document-kind schemas of one handbook, compiled once.

    Two validators per kind: jsonschema-rs answers "valid?" in microseconds (the fast path
    that keeps a 10,000-document check quick), and only for an invalid document does the
    reference implementation, jsonschema, produce the detailed errors users read. A test
    keeps the two in agreement.
    """

    def __init__(self, schema_dir: Path) -> None:
        registry: Registry = Registry()
        raw: dict[str, dict[str, Any]] = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            contents = _read_schema(path)
            registry = registry.with_resource(path.name, Resource.from_contents(contents))
            raw[path.name.removesuffix(".schema.json")] = contents
        self.raw = raw
        _check_references(registry, raw)
        checker = FormatChecker(formats=("date",))
        self.validators = {
            kind.name: _Reference(raw[kind.name], registry=registry, format_checker=checker)
            for kind in document_kinds()
            if kind.name in raw
        }
        fast_registry = jsonschema_rs.Registry([(_BASE_URI + f"{name}.schema.json", c) for name, c in raw.items()])
        self.fast = {kind: _fast_validator(kind, raw[kind], fast_registry) for kind in self.validators}

    def violations(self, kind: str, data: dict[str, Any]) -> list[Violation]:
        """What is wrong with a document. The stricter validator wins: the fast one decides
        "valid", and when it finds a problem the reference one explains it; should the reference
        one see nothing wrong (the two disagree), the fast one's own findings are reported."""
        fast = self.fast[kind]
        if fast.is_valid(data):
            return []
        validator = self.validators[kind]
        found = [self._with_hint(v, e) for e in validator.iter_errors(data) for v in _convert(e)]
        if not found:
            found = [_from_fast(e) for e in fast.iter_errors(data)]
        # jsonschema reports `required` once per missing field, each with the full list.
        return list(dict.fromkeys(found))

    def _with_hint(self, violation: Violation, error: ValidationError) -> Violation:
        """The schema's own words make the hint: the field's description, or the allowed fields."""
        keyword = str(error.validator)
        if keyword == "required":
            prop = _schema_of(error).get("properties", {}).get(violation.subject, {})
            text = self._describe(prop)
        elif keyword in ("additionalProperties", "unevaluatedProperties"):
            text = _allowed_fields(error, violation.subject)
        else:
            text = self._describe(_schema_of(error))
        return replace(violation, hint=text) if text else violation

    def _describe(self, schema: Mapping[str, Any]) -> str:
        if "description" in schema:
            return str(schema["description"])
        target = self._resolve(schema.get("$ref", ""))
        return str(target.get("description", "")) if target else ""

    def _resolve(self, ref: str) -> Mapping[str, Any] | None:
        """Resolve the local `file#/$defs/name` references these schemas use, for hints only."""
        if "#/$defs/" not in ref:
            return None
        file, name = ref.split("#/$defs/", 1)
        found = self.raw.get(file.removesuffix(".schema.json") or "defs", {}).get("$defs", {}).get(name)
        return found if isinstance(found, Mapping) else None


def _fast_validator(kind: str, schema: dict[str, Any], registry: Any) -> Any:
    try:
        return jsonschema_rs.Draft202012Validator(
            schema, registry=registry, validate_formats=True, base_uri=_BASE_URI + f"{kind}.schema.json"
        )
    except Exception as exc:  # jsonschema-rs raises its own error types for a schema it cannot use
        raise SchemaFileError(f"{SCHEMA_DIR}/{kind}.schema.json: {_short(str(exc))}") from None


def _check_references(registry: Registry, raw: dict[str, dict[str, Any]]) -> None:
    """Every `$ref` must resolve now, not halfway through checking a document that reaches it."""
    for name, contents in raw.items():
        resolver = registry.resolver(base_uri=f"{name}.schema.json")
        for pointer, ref in _refs(contents, ""):
            try:
                resolver.lookup(ref)
            except Unresolvable:
                raise SchemaFileError(
                    f"{SCHEMA_DIR}/{name}.schema.json: the reference {ref!r} at {pointer or '/'} leads nowhere"
                ) from None


def _refs(node: Any, pointer: str) -> Iterable[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield pointer, value
            else:
                yield from _refs(value, pointer + pointer_join(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, pointer + pointer_join(i))


def _from_fast(error: Any) -> Violation:
    """A violation from jsonschema-rs's own error, for the rare value only it rejects."""
    keyword = str(error.schema_path[-1]) if error.schema_path else ""
    names = [str(p) for p in error.instance_path if not isinstance(p, int)]
    field = names[-1] if names else ""
    message = _short(str(error.message))
    rule = _RULE_BY_KEYWORD.get(keyword, "SCHEMA-INVALID")
    return Violation(pointer_join(*error.instance_path), rule, f"{field}: {message}" if field else message)


def _end_anchored(pattern: str) -> str:
    """A schema pattern read the way JSON Schema (ECMA 262) reads it: `$` is the end of the text.
    Python's `$` also matches before a final newline, so `PR-01\n` would pass `^...$`."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def _pattern(validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]) -> Iterable[ValidationError]:
    if isinstance(instance, str) and not re.search(_end_anchored(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# The reference validator with `pattern` read as JSON Schema means it, like the fast validator.
_Reference = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]  # jsonschema's stubs leave extend() untyped


class SchemaFileError(Exception):
    """A schema file itself is broken: the handbook cannot be checked until it is mended."""


def _read_schema(path: Path) -> dict[str, Any]:
    where = f"{SCHEMA_DIR}/{path.name}"
    try:
        contents = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaFileError(f"{where}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise SchemaFileError(f"{where}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    try:
        Draft202012Validator.check_schema(contents)
    except SchemaError as exc:
        at = "/" + "/".join(map(str, exc.absolute_path))
        raise SchemaFileError(f"{where}: not a valid JSON Schema at {at}: {exc.message}") from None
    if not isinstance(contents, dict):
        raise SchemaFileError(f"{where}: a schema file must hold one JSON object")
    return contents


def _allowed_fields(error: ValidationError, extra: str) -> str:
    allowed = sorted(_schema_of(error).get("properties", {}))
    close = difflib.get_close_matches(extra, allowed, n=1)
    guess = f"Did you mean '{close[0]}'? " if close else ""
    return f"{guess}Allowed fields here: {', '.join(allowed)}."


def _convert(error: ValidationError) -> Iterable[Violation]:
    """Violations from jsonschema's structured error data (keyword, its value, the instance),
    never from its English message text."""
    pointer = pointer_join(*error.absolute_path)
    keyword = str(error.validator)
    rule = _RULE_BY_KEYWORD.get(keyword, "SCHEMA-INVALID")
    field = _field_name(error)
    if keyword == "required":
        for missing in _missing(error):
            yield Violation(pointer, rule, f"missing required field '{missing}'" + _where(field), subject=missing)
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        for extra in _extra_keys(error):
            message = f"unknown field '{extra}'" + _where(field)
            yield Violation(pointer + pointer_join(extra), rule, message, on_key=True, subject=extra)
    elif keyword in ("oneOf", "anyOf"):
        yield Violation(pointer, rule, f"{field or 'value'}: {_alternatives(error)}")
    else:
        text = _describe_value(keyword, error.validator_value, error.instance)
        yield Violation(pointer, rule, f"{field}: {text}" if field else text)


def _missing(error: ValidationError) -> list[str]:
    """The required fields absent from the object (jsonschema reports each one separately; the
    caller keeps one violation per pointer and message)."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    required = error.validator_value if isinstance(error.validator_value, list) else []
    return [str(name) for name in required if name not in instance]


def _describe_value(keyword: str, expected: Any, instance: Any) -> str:
    """What is wrong with a value, for the keywords the handbook's schemas use."""
    if keyword == "format":
        return f"{instance!r} is not a valid {expected} (YYYY-MM-DD)"
    if keyword == "type":
        types = expected if isinstance(expected, list) else [expected]
        return f"{instance!r} is not of type {', '.join(repr(t) for t in types)}"
    if keyword == "enum":
        return f"{instance!r} is not one of {list(expected)!r}"
    if keyword == "const":
        return f"{expected!r} was expected"
    if keyword == "pattern":
        return f"{instance!r} does not match {expected!r}"
    if keyword in ("minLength", "minItems", "minProperties"):
        return f"{instance!r} should be non-empty" if expected == 1 else f"{instance!r} is too short (at least {expected})"
    if keyword in ("maxLength", "maxItems", "maxProperties"):
        return f"{_short(repr(instance), 60)} is too long (at most {expected})"
    if keyword == "minimum":
        return f"{instance!r} is less than the minimum of {expected!r}"
    if keyword == "maximum":
        return f"{instance!r} is greater than the maximum of {expected!r}"
    if keyword == "uniqueItems":
        return f"{instance!r} has repeated elements"
    return f"{_short(repr(instance), 60)} does not satisfy '{keyword}'"


def _alternatives(error: ValidationError) -> str:
    """For oneOf/anyOf: the most relevant reason the value matches none of the alternatives,
    or that it matches more than one (oneOf)."""
    if not error.context:
        return "matches more than one of the allowed forms; use only one"
    best = best_match(error.context, key=lambda e: (-len(e.absolute_path), str(e.validator) != "required"))
    if best is None:
        return "matches none of the allowed forms"
    if str(best.validator) == "required":
        return f"needs one of the fields {_required_options(error)}"
    return _describe_value(str(best.validator), best.validator_value, best.instance)


def _required_options(error: ValidationError) -> str:
    options = [name for e in error.context or () if str(e.validator) == "required" for name in _missing(e)]
    return ", ".join(f"'{name}'" for name in dict.fromkeys(options))


def _schema_of(error: ValidationError) -> Mapping[str, Any]:
    """The schema object that failed (jsonschema types it loosely: it may be a bool schema)."""
    return error.schema if isinstance(error.schema, Mapping) else {}


def _field_name(error: ValidationError) -> str:
    names = [str(p) for p in error.absolute_path if not isinstance(p, int)]
    return names[-1] if names else ""


def _where(field: str) -> str:
    return f" in '{field}'" if field else ""


def _extra_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    schema = _schema_of(error)
    allowed = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [str(k) for k in instance if k not in allowed and not any(p.search(str(k)) for p in patterns)]


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def to_diagnostic(path: str, violation: Violation) -> Diagnostic:
    return diagnose(
        violation.rule,
        violation.message,
        file=path,
        pointer=violation.pointer,
        on_key=violation.on_key,
        hint=violation.hint,
    )
