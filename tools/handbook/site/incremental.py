"""Re-render only the pages an edit can have changed (the live preview, `handbook serve`).

The first render makes every page. After an edit the new model is compared with the last one,
document by document (the model is frozen data, so equal means unchanged); then only these pages
are rendered again, the rest are kept (the first group at once, so the edited page shows first;
the others right after, by `render_later`):

- the pages of the documents (and items) that changed, were added or were removed;
- every page whose last text names a changed id: it links to it or shows its title, status or
  label (an actor's name, a record's status, a requirement's status);
- the pages of every document a changed document newly refers to: they get a back link (a
  procedure lists the requirements and risks that cite it, a record who makes it); a page that
  already shows a back link names the changed id and is covered by the rule before; for a
  document without a page (a conformity matrix), every page it refers to, before or after;
- the pages made from the whole handbook: the front page, the section indexes, the RACI and
  traceability matrices and the change log.

A document whose edition facts changed (its approval log, its pending revision, a requirement's
suspect mark) counts as changed. Anything else that every page shows (the settings, the members,
the edition's identifier and list, the last changes from git, the date, the hand-written pages'
list) makes it render everything, as does the first render.
`tests/site/test_incremental.py` holds the result equal to a full render after typical edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..kinds import KINDS, with_pages
from ..model import Handbook
from ..references import references_of
from . import paths
from .edition import SiteEdition
from .render import page_paths, render_pages


@dataclass
class Rendered:
    pages: dict[str, str]
    rendered: frozenset[str]  # the addresses rendered this time (all of them on a full render)
    full: bool
    later: frozenset[str] = frozenset()  # pages still to render with `render_later` (their text is old)


@dataclass
class IncrementalRenderer:
    _hb: Handbook | None = None
    _edition: SiteEdition | None = None
    _key: tuple[object, ...] = ()
    _pages: dict[str, str] = field(default_factory=dict)
    _later: set[str] = field(default_factory=set)
    _args: tuple[date, list[str]] | None = None

    def render(self, hb: Handbook, edition: SiteEdition, today: date, handwritten: list[str]) -> Rendered:
        """The pages after an edit. Only the pages of what changed are rendered now (the page
        being edited shows first); the other pages it can have changed are left for
        `render_later`, which the caller runs next."""
        key = (hb.settings, hb.members, hb.withheld, _every_page(edition), today, tuple(handwritten))
        addresses = page_paths(hb, edition, today)
        if self._hb is None or self._edition is None or key != self._key:
            todo: set[str] | None = None
            self._later = set()
        else:
            changed = _changed_ids(self._hb, hb) | _changed_in_edition(self._edition, edition)
            todo, later = self._affected(self._hb, hb, addresses, changed)
            self._later = (self._later | later) - todo
        fresh = render_pages(hb, edition, today, handwritten, only=todo)
        pages = fresh if todo is None else {a: fresh[a] if a in fresh else self._pages[a] for a in addresses}
        self._later &= set(addresses)
        self._hb, self._edition, self._key, self._pages = hb, edition, key, pages
        self._args = (today, handwritten)
        return Rendered(pages, frozenset(fresh), todo is None, frozenset(self._later))

    def render_later(self) -> Rendered:
        """Render the pages the last `render` left for later."""
        if self._hb is None or self._edition is None or self._args is None or not self._later:
            return Rendered(dict(self._pages), frozenset(), False)
        today, handwritten = self._args
        fresh = render_pages(self._hb, self._edition, today, handwritten, only=self._later)
        self._pages.update(fresh)
        self._later = set()
        return Rendered(dict(self._pages), frozenset(fresh), False)

    def _affected(
        self, old: Handbook, new: Handbook, addresses: list[str], changed: set[str]
    ) -> tuple[set[str], set[str]]:
        """The pages to render first (new pages, the changed documents' own pages) and later."""
        if not changed:
            return set(), set()
        first = {a for a in addresses if a not in self._pages}  # new pages
        later = {a for a in addresses if _whole_handbook(a)}
        later |= {a for a in addresses if any(ident in self._pages.get(a, "") for ident in changed)}
        for ident in changed:
            own = _own_pages(old, ident) | _own_pages(new, ident)
            before, after = _targets(old, ident), _targets(new, ident)
            # A page that shows a back link to a document with a page names its id (covered
            # above), except where the reference is new. A document without a page of its own
            # (a conformity matrix) shows on the pages it refers to without being named there:
            # those are its pages.
            if own:
                first |= own
                targets = after - before
            else:
                targets = before | after
                own = set().union(*(_own_pages(new, target) for target in targets))
                first |= own
            for target in targets:
                later |= _own_pages(new, target)
        valid = set(addresses)
        return first & valid, (later - first) & valid


def _every_page(edition: SiteEdition) -> tuple[object, ...]:
    """What of the edition every page shows (its identifier, the editions, the last changes)."""
    return (edition.id, edition.editions, edition.previous, edition.note, edition.last_change)


def _changed_in_edition(old: SiteEdition, new: SiteEdition) -> set[str]:
    """The documents whose edition facts changed: their approval log, their pending revision, a
    requirement's suspect mark. (The changes since the last edition are shown only on pages made
    from the whole handbook, which are rendered after every edit.)"""
    changed: set[str] = set()
    for before, after in ((old.approvals, new.approvals), (old.pending, new.pending), (old.suspect, new.suspect)):
        changed |= {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    return changed


def _changed_ids(old: Handbook, new: Handbook) -> set[str]:
    changed: set[str] = set()
    for kind in KINDS:
        before, after = old.of(kind.name), new.of(kind.name)
        changed |= {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    return changed


def _own_pages(hb: Handbook, ident: str) -> set[str]:
    return {paths.page(kind.name, ident) for kind in with_pages() if ident in hb.of(kind.name)}


def _targets(hb: Handbook, ident: str) -> set[str]:
    """The ids a document (or item) refers to."""
    for kind in KINDS:
        doc = hb.of(kind.name).get(ident)
        if doc is not None:
            return {ref.target for ref in references_of(doc)}
    return set()


def _whole_handbook(address: str) -> bool:
    """A page made from many documents: the special pages and every section's index."""
    return address in paths.SPECIAL_PAGES or address.endswith("/index.md")
