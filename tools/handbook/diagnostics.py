"""Diagnostics are values: every stage returns them, only the reporter prints them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. `line`/`column` are 1-based; 0 means "whole file"."""

    file: str
    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    pointer: str = ""
    severity: Severity = Severity.ERROR

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
    out = []
    for part in parts:
        text = str(part).replace("~", "~0").replace("/", "~1")
        out.append("/" + text)
    return "".join(out)


def pointer_parts(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
