"""Whether a municipality's declaration under Art. 5(5)(e) may be published, and what stops it.

Nothing may block a published declaration:
- an open question that threatens the exemption: a risk marked `blocks_declaration` that is
  still open or mitigated (which questions block is data on the risks, not code here);
- a missing address: the declaration must name the institution and its address (Art.
  5(5)(e)(i)), and a value nobody recorded is never guessed;
- the declaration's form, or the conformity matrix of the Annex I catalogue it states, not in
  force: the declaration is made from them.

The check rule DECLARATION-BLOCKED reports a declaration recorded as publishable while anything
blocks it, and every page and export marks a blocked declaration as a draft that must not be
published. One function answers for all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import AdoptionEntry, Control, Handbook
from .values import DocStatus, FormUse

RISK, ADDRESS, FORM, NO_FORM, MATRIX = "risk", "address", "form", "no-form", "matrix"

StatusOf = Callable[[str, Control], DocStatus]


def _own_status(ident: str, control: Control) -> DocStatus:
    return control.status


@dataclass(frozen=True)
class Block:
    """One thing that stops a declaration from being published."""

    reason: str  # RISK, ADDRESS, FORM, NO_FORM or MATRIX
    ident: str = ""  # the risk, form or matrix concerned

    def __str__(self) -> str:
        return {
            RISK: f"open question {self.ident} blocks publication (blocks_declaration)",
            ADDRESS: "no address is recorded for the municipality",
            FORM: f"the declaration form {self.ident} is not in force",
            NO_FORM: "the handbook has no declaration form",
            MATRIX: f"conformity matrix {self.ident}, which the declaration states, is not in force",
        }[self.reason]


def blocks(hb: Handbook, entry: AdoptionEntry | None, status_of: StatusOf = _own_status) -> list[Block]:
    """Everything that stops this municipality's declaration from being published. `status_of`
    gives a controlled document's status in force (the check passes the revisions in force from
    git; a handbook already in force, as the site's, needs no more than its own status)."""
    found = [Block(RISK, risk.id) for _, risk in sorted(hb.risks.items()) if risk.blocks]
    if entry is None or not entry.address:
        found.append(Block(ADDRESS))
    form = hb.form_for(FormUse.DECLARATION)
    if form is None:
        return [*found, Block(NO_FORM)]
    if status_of(form.id, form.control) is not DocStatus.EFFECTIVE:
        found.append(Block(FORM, form.id))
    for ident, matrix in sorted(hb.matrices.items()):
        control = matrix.control
        stated = matrix.catalogue == form.catalogue and control is not None
        if stated and control is not None and status_of(ident, control) is not DocStatus.EFFECTIVE:
            found.append(Block(MATRIX, ident))
    return found


def marked_publishable(entry: AdoptionEntry | None) -> bool:
    """The declaration is recorded as ready for, or already in, the public."""
    return entry is not None and entry.declaration is not None and entry.declaration.status.marks_publishable
