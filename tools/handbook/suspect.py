"""Suspect links (part 4 of the editions issue): a conformity entry rests on procedures, records
and risks; when one of them changes after the entry was assessed, the entry is suspect until
someone re-assesses it and records that with `handbook review`.

The entry's `assessed` marks say what it was assessed against: a procedure's revision, or the
short content fingerprint of a record or risk (they have no revision). One function gives the
mark a document has now; the rule, `handbook review`, `handbook status` and the site all use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .fingerprint import SHORT
from .model import ConformityEntry, Handbook


@dataclass(frozen=True)
class Stale:
    kind: str
    ident: str
    was: int | str | None  # the mark in the entry (None: never assessed against it)
    now: int | str

    def describe(self) -> str:
        if self.was is None:
            return f"{self.ident} (not assessed against it)"
        if isinstance(self.now, int):
            return f"{self.ident} (assessed at rev. {self.was}, now rev. {self.now})"
        return f"{self.ident} (content changed since it was assessed)"


def current_mark(hb: Handbook, fingerprints: Mapping[str, str], kind: str, ident: str) -> int | str | None:
    """The mark `ident` has now; None when it is not in the handbook (REF-UNKNOWN reports that)."""
    doc = hb.of(kind).get(ident)
    if doc is None:
        return None
    control = getattr(doc, "control", None)
    if control is not None:
        return int(control.revision)
    full = fingerprints.get(ident)
    return full[:SHORT] if full else None


def stale_links(hb: Handbook, fingerprints: Mapping[str, str], entry: ConformityEntry) -> list[Stale]:
    found = []
    for kind, ident in entry.rests_on:
        now = current_mark(hb, fingerprints, kind, ident)
        if now is None:
            continue
        was = entry.assessed.get(ident)
        if was != now:
            found.append(Stale(kind, ident, was, now))
    return found


def marks_now(hb: Handbook, fingerprints: Mapping[str, str], entry: ConformityEntry) -> dict[str, int | str]:
    """The marks that record an assessment of `entry` against everything it rests on today."""
    marks: dict[str, int | str] = {}
    for kind, ident in entry.rests_on:
        now = current_mark(hb, fingerprints, kind, ident)
        if now is not None:
            marks[ident] = now
    return marks
