"""Reporters: the only code that turns results into text. Chosen by name (text, json)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .check import CheckResult
from .terminal import printable

JSON_FORMAT_VERSION = 1


def summary_line(result: CheckResult) -> str:
    problems = len(result.diagnostics)
    detail = f" ({result.errors} errors, {result.warnings} warnings)" if problems else ""
    return f"{result.documents} documents, {result.references} references, {problems} problems{detail}"


def text_report(result: CheckResult, strict: bool = False) -> str:
    lines = []
    for d in result.diagnostics:
        position = f"{printable(d.file)}:{d.line}:{d.column}"
        level = "" if d.severity.value == "error" else f" [{d.severity.value}]"
        field = f" (at {printable(d.pointer)})" if d.pointer else ""
        lines.append(f"{position}: {d.rule}{level} {printable(d.message)}{field}")
        if d.hint:
            lines.append(f"    hint: {printable(d.hint)}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def json_report(result: CheckResult, strict: bool = False) -> str:
    """Stable machine format, documented in docs/cli.md; bump JSON_FORMAT_VERSION on change."""
    payload = {
        "format_version": JSON_FORMAT_VERSION,
        "summary": {
            "documents": result.documents,
            "references": result.references,
            "problems": len(result.diagnostics),
            "errors": result.errors,
            "warnings": result.warnings,
            "strict": strict,
            "ok": not result.failed(strict),
            "today": result.today.isoformat(),
        },
        # Added in the editions issue (format 1: fields are only added): the edition checked.
        "edition": _edition(result),
        "diagnostics": [d.to_json() for d in result.diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, Callable[[CheckResult, bool], str]] = {"text": text_report, "json": json_report}


def _edition(result: CheckResult) -> dict[str, object]:
    from .site.edition import preview_id

    edition = preview_id(result)
    return {
        "name": edition.name,
        "text": edition.text,
        "commit": edition.commit,
        "draft": edition.draft,
        "history": result.history.note if result.history.log is None else "git",
    }
