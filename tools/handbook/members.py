"""Members of a group actor (the 98 municipalities) come from a CSV data file, never typed by hand,
and so do their dated groups (each municipality's region on each date, `groups.py`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

from .constants import QMS_DIR
from .diagnostics import Diagnostic
from .files import Unreadable, read_data_file
from .groups import with_groups
from .model import Actor, Member, MemberSource, frozen_map
from .ruleset import diagnose


def load_all_members(
    root: Path, actors: Mapping[str, Actor], max_bytes: int
) -> tuple[Mapping[str, tuple[Member, ...]], list[Diagnostic]]:
    """Actor id → its members, for every actor that lists its members in a data file."""
    found: dict[str, tuple[Member, ...]] = {}
    diagnostics: list[Diagnostic] = []
    for actor in actors.values():
        if actor.members is None:
            continue
        members, lines, problem = load_members(root, actor.members, max_bytes)
        if problem:
            diagnostics.append(diagnose("MEMBERS-CSV", problem, file=actor.where.file, pointer="/members/csv"))
        elif actor.members.groups is not None:
            members, problems = with_groups(root, actor, actor.members.groups, members, lines, max_bytes)
            diagnostics.extend(problems)
        found[actor.id] = members
    return frozen_map(found), diagnostics


def load_members(root: Path, spec: MemberSource, max_bytes: int) -> tuple[tuple[Member, ...], dict[str, int], str]:
    """The members listed in the data file with the line of each, or () and what is wrong. The
    file must be a regular file inside the repository, within the size bound."""
    shown = f"{QMS_DIR}/{spec.csv}"
    try:
        text = read_data_file(root, shown, max_bytes)
    except Unreadable as exc:
        return (), {}, f"members file {exc}"
    except UnicodeDecodeError:
        return (), {}, f"members file {shown} is not UTF-8"
    reader = csv.DictReader(io.StringIO(text))
    rows = [(reader.line_num, row) for row in reader]  # line_num: the line the row ends on
    columns = [spec.id_column, spec.name_column]
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        return (), {}, f"members file {shown} lacks column(s) {', '.join(missing)}"
    members = tuple(Member(row[spec.id_column].strip(), row[spec.name_column].strip()) for _, row in rows)
    problems = _member_problems(members, spec.expected_count)
    if problems:
        return (), {}, f"members file {shown}: {problems}"
    return members, {m.code: line for m, (line, _) in zip(members, rows, strict=True)}, ""


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
