"""The check pipeline, top to bottom: discover → load → schema → link → rules → locate.

`check` never writes anything; it returns one result object that reporters and the site
builder read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .constants import MAX_FILE_BYTES, SCHEMA_DIR
from .control_rules import Working, history_rules, in_force
from .diagnostics import Diagnostic, Severity
from .discover import discover
from .editions.archive import check_archive
from .errors import UsageError
from .fingerprint import Fingerprints
from .history import NO_HISTORY, RepoHistory, read_history
from .kinds import SETTINGS, SETTINGS_FILE
from .link import Document, link
from .loading import LoadCache, load_all, load_document
from .locate import locate
from .members import load_all_members
from .model import Control, Handbook
from .perf import no_cyclic_gc
from .rules import Context, run_rules
from .ruleset import RULES, diagnose
from .schemas import SchemaFileError, SchemaSet


@dataclass(frozen=True)
class CheckResult:
    root: Path
    handbook: Handbook
    documents: int
    references: int
    diagnostics: tuple[Diagnostic, ...]
    today: date
    history: RepoHistory = NO_HISTORY  # git history as read once for the rules, site and commands
    fingerprints: Fingerprints = field(default_factory=lambda: Fingerprints({}))  # id → content fingerprint
    in_force: Mapping[str, Control] = field(default_factory=dict)  # see rules.Context.in_force

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def check(
    root: Path,
    today: date | None = None,
    *,
    history: bool = True,
    schemas: SchemaSet | None = None,
    cache: LoadCache | None = None,
) -> CheckResult:
    """`history=False` skips git (the rules that need it do not run): for callers that check a
    copy outside the repository, such as a side of `handbook diff`. The live preview checks the
    same handbook after every edit and passes what it keeps between checks: `schemas`, already
    read (while their files are unchanged), and a `cache` of the files already loaded, so only
    changed files are parsed again; by default everything is read afresh."""
    with no_cyclic_gc():
        return _check(root.resolve(), today, history, schemas, cache)


def load_schemas(root: Path) -> SchemaSet:
    try:
        return SchemaSet(root / SCHEMA_DIR)
    except SchemaFileError as exc:
        raise UsageError(str(exc)) from None


def _check(
    root: Path, today: date | None, with_history: bool, schemas: SchemaSet | None, cache: LoadCache | None
) -> CheckResult:
    found = discover(root)
    files = found.documents
    schemas = schemas or load_schemas(root)
    diagnostics: list[Diagnostic] = list(found.problems)
    settings_data, max_bytes = _settings(root, schemas, files, diagnostics)
    documents = [Document(SETTINGS_FILE, SETTINGS.name, settings_data)] if settings_data else []
    failed: set[str] = set()
    others = [rel for rel in files if rel != SETTINGS_FILE]
    for rel, (doc, diags) in zip(others, load_all(root, others, schemas, max_bytes, cache), strict=True):
        diagnostics.extend(diags)
        if doc is not None:
            documents.append(doc)
        else:
            failed.add(rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    handbook, link_diags = link(documents)
    diagnostics.extend(link_diags)
    members, member_diags = load_all_members(root, handbook.actors, max_bytes)
    diagnostics.extend(member_diags)
    handbook = replace(handbook, members=members)
    when = today or handbook.settings.today or date.today()
    fingerprints = Fingerprints({_stem(doc.path): doc.data for doc in documents if doc.kind != SETTINGS.name})
    history = read_history(root, handbook.settings) if with_history else NO_HISTORY
    forced = in_force(handbook, history.control)
    context = Context(when, handbook.settings.review_warning_days, frozenset(failed), fingerprints, forced)
    rule_diags, references = run_rules(handbook, context)
    diagnostics.extend(rule_diags)
    diagnostics.extend(history_rules(Working(handbook, fingerprints), history))
    diagnostics.extend(check_archive(root))
    final = sorted(locate(root, _apply_severity(diagnostics, handbook.settings.rules), max_bytes))
    return CheckResult(root, handbook, len(files), references, tuple(final), when, history, fingerprints, forced)


def _stem(path: str) -> str:
    return path[path.rfind("/") + 1 :].rsplit(".", 1)[0]


def _settings(
    root: Path, schemas: SchemaSet, files: list[str], out: list[Diagnostic]
) -> tuple[dict[str, Any] | None, int]:
    if SETTINGS_FILE not in files:
        out.append(diagnose("SETTINGS-MISSING", "the handbook settings file is missing", file=SETTINGS_FILE))
        return None, MAX_FILE_BYTES
    doc, diags = load_document(root, SETTINGS_FILE, schemas, MAX_FILE_BYTES)
    out.extend(diags)
    if doc is None or doc.kind != SETTINGS.name:
        return None, MAX_FILE_BYTES
    return doc.data, doc.data.get("max_file_bytes", MAX_FILE_BYTES)


def _apply_severity(diagnostics: list[Diagnostic], configured: Mapping[str, Severity]) -> list[Diagnostic]:
    """The settings' severity for configurable rules; diagnostics of rules set `off` are dropped."""
    out = []
    for diag in diagnostics:
        rule = RULES[diag.rule]
        level = configured.get(rule.id, rule.severity) if rule.configurable else rule.severity
        if level is not Severity.OFF:
            out.append(diag.with_severity(level))
    return out
