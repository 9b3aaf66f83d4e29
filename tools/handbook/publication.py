"""What may be published: the public view of the handbook.

Every document says whether the handbook's own entry for it is public or internal
(`confidentiality`). A public output (the site, and every export made from it) is built from
`public_view`, a handbook in which internal documents, and the items inside them, do not exist:
no template, page, search index or export can show what is not in the model it is given. A
reference to a withheld document is still shown, as its bare id marked "intern", so an auditor
knows what to ask for (`Handbook.withheld`).

One deliberate exception: an inspection folder must tell an inspector where every record it
lists is kept and who holds it, internal ones included. So for an internal record that a form
names, the public view keeps its id, its place of keeping and its holder (`Handbook.shelved`),
and nothing else: not its title, description or any other text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .kinds import KINDS, item_kinds
from .model import Handbook, Shelf, frozen_map
from .values import Confidentiality


def is_internal(doc: Any) -> bool:
    return getattr(doc, "confidentiality", Confidentiality.PUBLIC) is Confidentiality.INTERNAL


def public_view(hb: Handbook) -> Handbook:
    """The handbook without its internal documents and the items that stand inside them."""
    kept: dict[str, dict[str, Any]] = {}
    withheld: set[str] = set()
    for kind in KINDS:
        if kind.nested_in:
            continue
        docs = hb.of(kind.name)
        kept[kind.name] = {ident: doc for ident, doc in docs.items() if not is_internal(doc)}
        withheld.update(ident for ident, doc in docs.items() if is_internal(doc))
        for item_kind in item_kinds(kind.name):
            known = hb.of(item_kind.name)  # items whose id was claimed (not duplicates)
            bucket = kept.setdefault(item_kind.name, {})
            for doc in docs.values():
                items = [i for i in getattr(doc, item_kind.nested_field) if i.id in known and known[i.id] is i]
                if is_internal(doc):
                    withheld.update(item.id for item in items)
                else:
                    bucket.update((item.id, item) for item in items)
    members = {actor: found for actor, found in hb.members.items() if actor not in withheld}
    documents = frozen_map({name: frozen_map(docs) for name, docs in kept.items()})
    shelved = frozen_map(_shelved(hb, withheld))
    return replace(hb, documents=documents, members=frozen_map(members), withheld=frozenset(withheld), shelved=shelved)


def _shelved(hb: Handbook, withheld: set[str]) -> dict[str, Shelf]:
    """Id, place and holder of each internal record a public form names (see module docstring)."""
    named = {r for form in hb.forms.values() if not is_internal(form) for s in form.sections for r in s.records}
    return {
        ident: Shelf(ident, hb.records[ident].location, hb.records[ident].owner)
        for ident in sorted(named & withheld)
        if ident in hb.records
    }
