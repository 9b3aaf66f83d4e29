"""Diagnostics are values: every stage returns them, only the reporter prints them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True, order=True, kw_only=True)
class Diagnostic:
    """One problem at one place. `line`/`column` are 1-based; 0 means "whole file".

    Made by `ruleset.diagnose`, which takes the hint and default severity from the rule.
    `on_key` says the problem is the key at `pointer` (an unknown field, a duplicate key), not
    its value, so the position shown is the key's.
    """

    file: str
    line: int = 0
    column: int = 0
    rule: str
    message: str
    hint: str = ""
    pointer: str = ""
    severity: Severity = Severity.ERROR
    on_key: bool = False

    def with_position(self, line: int, column: int) -> Diagnostic:
        return replace(self, line=line, column=column)

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


def pointer_join(*parts: object) -> str:
    """Build an RFC 6901 JSON Pointer from path parts (escaping ~ and /)."""
    return "".join(["/" + _escape_part(part) for part in parts])


def _escape_part(part: object) -> str:
    text = str(part)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def pointer_parts(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
