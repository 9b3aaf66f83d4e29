"""Members of a group actor (the 98 municipalities) come from a CSV data file, never typed by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .diagnostics import Diagnostic
from .link import Document
from .model import Member
from .ruleset import hint_for


def load_members(root: Path, doc: Document) -> tuple[tuple[Member, ...], list[Diagnostic]]:
    spec = doc.data.get("members")
    if not spec:
        return (), []
    rel = spec["csv"]
    path = root / "qms" / rel

    def fail(message: str) -> tuple[tuple[Member, ...], list[Diagnostic]]:
        return (), [Diagnostic(doc.path, 0, 0, "MEMBERS-CSV", message, hint_for("MEMBERS-CSV"), "/members/csv")]

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError:
        return fail(f"members file qms/{rel} cannot be read")
    except UnicodeDecodeError:
        return fail(f"members file qms/{rel} is not UTF-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = [spec["id_column"], spec["name_column"], *([spec["group_column"]] if "group_column" in spec else [])]
    header = rows[0].keys() if rows else []
    missing = [c for c in columns if c not in header]
    if missing:
        return fail(f"members file qms/{rel} lacks column(s) {', '.join(missing)}")
    members = tuple(
        Member(
            row[spec["id_column"]].strip(),
            row[spec["name_column"]].strip(),
            (row.get(spec.get("group_column", "")) or "").strip(),
        )
        for row in rows
    )
    problems = _member_problems(members, spec.get("expected_count"))
    if problems:
        return fail(f"members file qms/{rel}: {problems}")
    return members, []


def _member_problems(members: tuple[Member, ...], expected: int | None) -> str:
    codes = [m.code for m in members]
    if any(not m.code or not m.name for m in members):
        return "a row has an empty code or name"
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        return f"duplicate code(s) {', '.join(duplicates)}"
    if expected is not None and len(members) != expected:
        return f"{len(members)} rows, expected {expected}"
    return ""
