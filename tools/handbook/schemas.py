"""JSON Schema validation (draft 2020-12). Library errors become Diagnostics at this boundary."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource

from .diagnostics import Diagnostic, pointer_join
from .ruleset import hint_for

KINDS = ("settings", "actor", "procedure", "catalogue", "conformity", "risk", "device", "record")

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
        checker = FormatChecker(formats=("date",))
        self.validators = {
            kind: Draft202012Validator(raw[kind], registry=registry, format_checker=checker)
            for kind in KINDS
            if kind in raw
        }
        fast_registry = jsonschema_rs.Registry([(_BASE_URI + f"{name}.schema.json", c) for name, c in raw.items()])
        self.fast = {
            kind: jsonschema_rs.Draft202012Validator(
                raw[kind], registry=fast_registry, validate_formats=True, base_uri=_BASE_URI + f"{kind}.schema.json"
            )
            for kind in self.validators
        }

    def violations(self, kind: str, data: dict[str, Any]) -> list[Violation]:
        if self.fast[kind].is_valid(data):
            return []
        validator = self.validators[kind]
        return [self._with_hint(v, e) for e in validator.iter_errors(data) for v in _convert(e)]

    def _with_hint(self, violation: Violation, error: ValidationError) -> Violation:
        """The schema's own words make the hint: the field's description, or the allowed fields."""
        keyword = str(error.validator)
        if keyword == "required":
            prop = error.schema.get("properties", {}).get(_quoted(error.message), {})
            text = self._describe(prop)
        elif keyword in ("additionalProperties", "unevaluatedProperties"):
            text = _allowed_fields(error, violation.pointer.rsplit("/", 1)[-1])
        else:
            text = self._describe(error.schema) if isinstance(error.schema, dict) else ""
        return replace(violation, hint=text) if text else violation

    def _describe(self, schema: dict[str, Any]) -> str:
        if "description" in schema:
            return str(schema["description"])
        target = self._resolve(schema.get("$ref", ""))
        return str(target.get("description", "")) if target else ""

    def _resolve(self, ref: str) -> dict[str, Any] | None:
        """Resolve the local `file#/$defs/name` references these schemas use, for hints only."""
        if "#/$defs/" not in ref:
            return None
        file, name = ref.split("#/$defs/", 1)
        return self.raw.get(file.removesuffix(".schema.json") or "defs", {}).get("$defs", {}).get(name)


class SchemaFileError(Exception):
    """A schema file itself is broken: the handbook cannot be checked until it is mended."""


def _read_schema(path: Path) -> dict[str, Any]:
    where = f"qms/schemas/{path.name}"
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
    return contents


def _allowed_fields(error: ValidationError, extra: str) -> str:
    allowed = sorted(error.schema.get("properties", {}))
    close = difflib.get_close_matches(extra, allowed, n=1)
    guess = f"Did you mean '{close[0]}'? " if close else ""
    return f"{guess}Allowed fields here: {', '.join(allowed)}."


def _convert(error: ValidationError) -> Iterable[Violation]:
    pointer = pointer_join(*error.absolute_path)
    keyword = str(error.validator)
    rule = _RULE_BY_KEYWORD.get(keyword, "SCHEMA-INVALID")
    field = _field_name(error)
    if keyword == "required":
        missing = _quoted(error.message)
        yield Violation(pointer, rule, f"missing required field '{missing}'" + _where(field))
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        for extra in _extra_keys(error):
            yield Violation(
                pointer + pointer_join(extra), rule, f"unknown field '{extra}'" + _where(field), on_key=True
            )
    elif keyword in ("oneOf", "anyOf"):
        yield Violation(pointer, rule, f"{field or 'value'}: {_best_context(error)}")
    elif keyword == "format":
        yield Violation(
            pointer, rule, f"{field}: {error.instance!r} is not a valid {error.validator_value} (YYYY-MM-DD)"
        )
    else:
        yield Violation(pointer, rule, f"{field}: {_short(error.message)}" if field else _short(error.message))


def _field_name(error: ValidationError) -> str:
    names = [str(p) for p in error.absolute_path if not isinstance(p, int)]
    return names[-1] if names else ""


def _where(field: str) -> str:
    return f" in '{field}'" if field else ""


def _quoted(message: str) -> str:
    start = message.find("'")
    end = message.find("'", start + 1)
    return message[start + 1 : end] if 0 <= start < end else message


def _extra_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    allowed = set(error.schema.get("properties", {}))
    patterns = error.schema.get("patternProperties", {})
    extras = [k for k in instance if k not in allowed and not patterns]
    return extras or [_quoted(error.message)]


def _best_context(error: ValidationError) -> str:
    if not error.context:
        return _short(error.message)
    best = min(error.context, key=lambda e: (len(e.absolute_path), str(e.validator) == "required"))
    return _short(best.message)


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def to_diagnostic(path: str, violation: Violation) -> Diagnostic:
    return Diagnostic(
        path,
        0,
        0,
        violation.rule,
        violation.message,
        violation.hint or hint_for(violation.rule),
        violation.pointer + ("#key" if violation.on_key else ""),
    )
