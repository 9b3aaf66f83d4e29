"""Dated groups of members: which group (for the municipalities: which region) each member of a
group actor belongs to on each date, read from a CSV file with one row per member and period.

The file is data like any YAML document, so every problem is a diagnostic at its line and column:
a malformed row (MEMBERS-GROUP-ROW) is left out, then each member's periods must follow each other
day by day from the `since` date without overlaps, and only the last may be open-ended
(MEMBERS-GROUP-DATES). A member's periods come out in date order.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from .constants import QMS_DIR
from .diagnostics import Diagnostic, pointer_join
from .files import Unreadable, read_data_file
from .model import Actor, Member, MemberGroups, Period
from .ruleset import diagnose

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class _Row:
    """One data row: its physical line, its fields by column name, and each field's column."""

    line: int
    index: int  # 0-based among the data rows, for the JSON Pointer
    values: Mapping[str, str]
    columns: Mapping[str, int]


@dataclass(frozen=True)
class _Dated:
    period: Period
    row: _Row


def with_groups(
    root: Path,
    actor: Actor,
    spec: MemberGroups,
    members: tuple[Member, ...],
    lines: Mapping[str, int],
    max_bytes: int,
) -> tuple[tuple[Member, ...], list[Diagnostic]]:
    """The members with their periods, and every problem in the groups file. `lines` gives each
    member's line in the members file, where a member without any group is reported."""
    shown = f"{QMS_DIR}/{spec.csv}"
    text, problem = _read(root, shown, max_bytes)
    if problem:
        return members, [diagnose("MEMBERS-GROUP-ROW", problem, file=actor.where.file, pointer="/members/groups/csv")]
    header, rows, diagnostics = _rows(text, shown, spec)
    if header is None:
        return members, diagnostics
    names = {m.code: m.name for m in members}
    members_file = f"{QMS_DIR}/{actor.members.csv}" if actor.members else shown
    dated: dict[str, list[_Dated]] = {}
    broken: set[str] = set()  # members with a malformed row: their dates are not judged on the rest
    for row in rows:
        found = _period(row, spec, names, shown, members_file)
        if isinstance(found, Period):
            dated.setdefault(row.values[spec.id_column], []).append(_Dated(found, row))
        else:
            diagnostics.extend(found)
            broken.add(row.values[spec.id_column])
    out = []
    for member in members:
        periods = sorted(dated.get(member.code, []), key=lambda d: d.period.start)
        if member.code in broken:
            out.append(Member(member.code, member.name, tuple(d.period for d in periods)))
            continue
        if not periods:
            message = f"member {member.code} ({member.name}) has no row in {shown}"
            line = lines.get(member.code, 0)
            diagnostics.append(diagnose("MEMBERS-GROUP-DATES", message, file=members_file, line=line, column=1))
        diagnostics.extend(_sequence(member, periods, spec, shown))
        out.append(Member(member.code, member.name, tuple(d.period for d in periods)))
    return tuple(out), diagnostics


def _read(root: Path, shown: str, max_bytes: int) -> tuple[str, str]:
    try:
        return read_data_file(root, shown, max_bytes), ""
    except Unreadable as exc:
        return "", f"groups file {exc}"
    except UnicodeDecodeError:
        return "", f"groups file {shown} is not UTF-8"


def _rows(text: str, shown: str, spec: MemberGroups) -> tuple[list[str] | None, list[_Row], list[Diagnostic]]:
    """The header and the data rows; one row per line, blank lines skipped."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        return None, [], [diagnose("MEMBERS-GROUP-ROW", f"groups file {shown} is empty", file=shown, line=1, column=1)]
    first, header_line = lines[0]
    header = [h.strip() for h in _split(header_line)]
    wanted = (spec.id_column, spec.group_column, spec.from_column, spec.to_column)
    missing = [c for c in wanted if c not in header]
    if missing:
        message = f"groups file {shown} lacks column(s) {', '.join(missing)} (it has {', '.join(header)})"
        return None, [], [diagnose("MEMBERS-GROUP-ROW", message, file=shown, line=first, column=1)]
    rows, problems = [], []
    for index, (number, line) in enumerate(lines[1:]):
        fields = _split(line)
        if len(fields) != len(header):
            message = f"line {number} has {len(fields)} fields, the header has {len(header)}"
            problems.append(diagnose("MEMBERS-GROUP-ROW", message, file=shown, line=number, column=1))
            continue
        starts = _field_starts(line)
        values = {h: v.strip() for h, v in zip(header, fields, strict=True)}
        rows.append(_Row(number, index, values, dict(zip(header, starts, strict=True))))
    return header, rows, problems


def _split(line: str) -> list[str]:
    return next(csv.reader([line]))


def _field_starts(line: str) -> list[int]:
    """1-based column where each field of a CSV line starts (commas inside quotes are text)."""
    starts, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return starts


def _period(
    row: _Row, spec: MemberGroups, names: Mapping[str, str], shown: str, members_file: str
) -> Period | list[Diagnostic]:
    """The row's period, or what is wrong with it (each problem at its field)."""
    problems = []

    def bad(column: str, message: str) -> None:
        where = pointer_join(row.index, column)
        problems.append(
            diagnose("MEMBERS-GROUP-ROW", message, file=shown, pointer=where, line=row.line, column=row.columns[column])
        )

    code, group = row.values[spec.id_column], row.values[spec.group_column]
    if code not in names:
        bad(spec.id_column, f"{spec.id_column} '{code}' is not a member listed in {members_file}")
    if not group:
        bad(spec.group_column, f"{spec.group_column} is empty")
    start = _date(row.values[spec.from_column])
    if start is None:
        bad(spec.from_column, f"{spec.from_column} '{row.values[spec.from_column]}' is not a date (YYYY-MM-DD)")
    end_text = row.values[spec.to_column]
    end = _date(end_text) if end_text else None
    if end_text and end is None:
        bad(spec.to_column, f"{spec.to_column} '{end_text}' is not a date (YYYY-MM-DD) or empty")
    elif start is not None and end is not None and end < start:
        bad(spec.to_column, f"{spec.to_column} {end} is before {spec.from_column} {start}")
    if problems or start is None:
        return problems
    return Period(group, start, end)


def _date(text: str) -> date | None:
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _sequence(member: Member, periods: list[_Dated], spec: MemberGroups, shown: str) -> Iterator[Diagnostic]:
    """The member's periods cover every day from `since` once: no late start, overlap, gap or end."""
    if not periods:
        return
    who = f"member {member.code} ({member.name})"
    column = spec.group_column

    def at(dated: _Dated, field: str, message: str) -> Diagnostic:
        row = dated.row
        where = pointer_join(row.index, field)
        return diagnose(
            "MEMBERS-GROUP-DATES", message, file=shown, pointer=where, line=row.line, column=row.columns[field]
        )

    first = periods[0]
    if first.period.start > spec.since:
        message = f"{who} has no {column} {_days(spec.since, first.period.start - timedelta(days=1))}"
        yield at(first, spec.from_column, message)
    for previous, current in pairwise(periods):
        end = previous.period.end
        if end is None or current.period.start <= end:
            until = f"runs to {end}" if end else "has no end"
            message = f"{who}: the period on line {previous.row.line} {until}, the next starts {current.period.start}"
            yield at(current, spec.from_column, message)
        elif current.period.start > end + timedelta(days=1):
            gap = _days(end + timedelta(days=1), current.period.start - timedelta(days=1))
            yield at(current, spec.from_column, f"{who} has no {column} {gap}")
    last = periods[-1]
    if last.period.end is not None:
        message = f"{who} has no {column} after {last.period.end}; its last period must have an empty {spec.to_column}"
        yield at(last, spec.to_column, message)


def _days(first: date, last: date) -> str:
    return f"on {first}" if first == last else f"from {first} to {last}"
