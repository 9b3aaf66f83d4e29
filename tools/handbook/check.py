"""The check pipeline, top to bottom: discover → load → schema → link → rules → locate.

`check` never writes anything; it returns one result object that reporters and the site
builder read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity
from .link import Document, link
from .loading import load_all, load_document
from .locate import locate
from .members import load_members
from .model import Handbook, Member
from .perf import no_cyclic_gc
from .rules import Context, run_rules
from .ruleset import RULES, hint_for
from .schemas import SchemaFileError, SchemaSet
from .yamlload import DEFAULT_MAX_BYTES

SETTINGS_FILE = "qms/handbook.yaml"


class UsageError(Exception):
    """The command was pointed at something that is not a handbook (exit code 2)."""


@dataclass(frozen=True)
class CheckResult:
    root: Path
    handbook: Handbook
    documents: int
    references: int
    diagnostics: tuple[Diagnostic, ...]
    today: date

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def discover(root: Path) -> list[str]:
    qms = root / "qms"
    if not qms.is_dir():
        raise UsageError(f"{root} is not a handbook repository: it has no qms/ folder")
    if not (qms / "schemas").is_dir():
        raise UsageError(f"{qms}/schemas is missing: the handbook's JSON Schemas live there")
    # os.walk with plain strings: pathlib objects per file cost seconds at 40,000 files.
    found = []
    for folder, dirs, names in os.walk(qms):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        if folder == str(qms):
            dirs[:] = [d for d in dirs if d != "schemas"]
        found.extend(f"{rel}/{name}" for name in names if name.endswith((".yaml", ".yml")))
    return sorted(found)


def check(root: Path, today: date | None = None) -> CheckResult:
    with no_cyclic_gc():
        return _check(root.resolve(), today)


def _check(root: Path, today: date | None) -> CheckResult:
    files = discover(root)
    try:
        schemas = SchemaSet(root / "qms" / "schemas")
    except SchemaFileError as exc:
        raise UsageError(str(exc)) from None
    diagnostics: list[Diagnostic] = []
    settings_data, max_bytes = _settings(root, schemas, files, diagnostics)
    documents = [Document(SETTINGS_FILE, "settings", settings_data)] if settings_data else []
    failed: set[str] = set()
    others = [rel for rel in files if rel != SETTINGS_FILE]
    for rel, (doc, diags) in zip(others, load_all(root, others, schemas, max_bytes), strict=True):
        diagnostics.extend(diags)
        if doc is not None:
            documents.append(doc)
        else:
            failed.add(rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    members = _members(root, documents, diagnostics)
    handbook, link_diags = link(documents, members)
    diagnostics.extend(link_diags)
    when = today or _settings_today(handbook) or date.today()
    context = Context(when, handbook.settings.review_warning_days, frozenset(failed))
    rule_diags, references = run_rules(handbook, context)
    diagnostics.extend(rule_diags)
    final = sorted(locate(root, _apply_severity(diagnostics, handbook.settings.rules)))
    return CheckResult(root, handbook, len(files), references, tuple(final), when)


def _settings(
    root: Path, schemas: SchemaSet, files: list[str], out: list[Diagnostic]
) -> tuple[dict[str, Any] | None, int]:
    if SETTINGS_FILE not in files:
        out.append(
            Diagnostic(
                SETTINGS_FILE,
                0,
                0,
                "SETTINGS-MISSING",
                "the handbook settings file is missing",
                hint_for("SETTINGS-MISSING"),
            )
        )
        return None, DEFAULT_MAX_BYTES
    doc, diags = load_document(root, SETTINGS_FILE, schemas, DEFAULT_MAX_BYTES)
    out.extend(diags)
    if doc is None or doc.kind != "settings":
        return None, DEFAULT_MAX_BYTES
    return doc.data, doc.data.get("max_file_bytes", DEFAULT_MAX_BYTES)


def _members(root: Path, documents: list[Document], out: list[Diagnostic]) -> dict[str, tuple[Member, ...]]:
    members: dict[str, tuple[Member, ...]] = {}
    for doc in documents:
        if doc.kind == "actor" and "members" in doc.data:
            found, diags = load_members(root, doc)
            members[doc.data["id"]] = found
            out.extend(diags)
    return members


def _settings_today(handbook: Handbook) -> date | None:
    return date.fromisoformat(handbook.settings.today) if handbook.settings.today else None


# Loading, schema and identity problems keep a document out of the model: they are always
# errors, whatever the settings say, so nothing unchecked can reach a published page.
FIXED_PREFIXES = ("YAML-", "KIND-", "SCHEMA-", "ID-", "SETTINGS-")


def _apply_severity(diagnostics: list[Diagnostic], configured: dict[str, str] | Any) -> list[Diagnostic]:
    out = []
    for diag in diagnostics:
        rule = RULES.get(diag.rule)
        default = rule.severity.value if rule else "error"
        fixed = diag.rule.startswith(FIXED_PREFIXES)
        level = Severity(default if fixed else configured.get(diag.rule, default))
        if level is not Severity.OFF:
            out.append(diag.with_severity(level))
    return out
