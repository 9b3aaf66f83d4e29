"""Members of a group actor (the 98 municipalities) come from a CSV data file, never typed by hand."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

from .constants import QMS_DIR
from .diagnostics import Diagnostic
from .files import Unreadable, read_limited
from .model import Actor, Member, MemberSource, frozen_map
from .ruleset import diagnose


def load_all_members(
    root: Path, actors: Mapping[str, Actor], max_bytes: int
) -> tuple[Mapping[str, tuple[Member, ...]], list[Diagnostic]]:
    """Actor id → its members, for every actor that lists its members in a data file."""
    found: dict[str, tuple[Member, ...]] = {}
    diagnostics: list[Diagnostic] = []
    for actor in actors.values():
        if actor.members is not None:
            members, problem = load_members(root, actor.members, max_bytes)
            found[actor.id] = members
            if problem:
                diagnostics.append(
                    diagnose("MEMBERS-CSV", problem, file=actor.where.file, pointer="/members/csv")
                )
    return frozen_map(found), diagnostics


def load_members(root: Path, spec: MemberSource, max_bytes: int) -> tuple[tuple[Member, ...], str]:
    """The members listed in the data file, or () and what is wrong with it. The file must be a
    regular file inside the repository, within the size bound."""
    shown = f"{QMS_DIR}/{spec.csv}"
    try:
        raw = read_limited(root, shown, max_bytes)
        if len(raw) > max_bytes:
            return (), f"members file {shown} is larger than {max_bytes:,} bytes"
        text = raw.decode("utf-8-sig")
    except Unreadable as exc:
        return (), f"members file {exc}"
    except UnicodeDecodeError:
        return (), f"members file {shown} is not UTF-8"
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = [spec.id_column, spec.name_column, *([spec.group_column] if spec.group_column else [])]
    header = rows[0].keys() if rows else []
    missing = [c for c in columns if c not in header]
    if missing:
        return (), f"members file {shown} lacks column(s) {', '.join(missing)}"
    members = tuple(
        Member(
            row[spec.id_column].strip(),
            row[spec.name_column].strip(),
            (row.get(spec.group_column) or "").strip() if spec.group_column else "",
        )
        for row in rows
    )
    problems = _member_problems(members, spec.expected_count)
    if problems:
        return (), f"members file {shown}: {problems}"
    return members, ""


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
