"""The kind registry: every document kind of the handbook, declared once.

A kind is the `kind:` of a YAML document (or, for requirements, of the items inside one): its
schema, its model class, where its files live, its Danish names, and where and how the site shows
it. Loading, linking, reference checking, the site and the change log all read this list; none
of them names kinds of their own. Adding a kind means: its schema in qms/schemas, its frozen
model class, one entry here and its page template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from .constants import QMS_DIR
from .model import (
    Actor,
    Adoption,
    Catalogue,
    Device,
    Form,
    Hazard,
    Matrix,
    Procedure,
    Record,
    Requirement,
    Risk,
    Settings,
)

# The id syntax every kind shares (the schemas' `defs/id`); a kind may narrow it.
ID_PATTERN = r"[A-Z0-9]+(?:[.-][A-Z0-9]+)*"


@dataclass(frozen=True)
class Kind:
    name: str  # the `kind:` value in YAML, e.g. "procedure"
    model: type  # the frozen dataclass a document (or item) of this kind becomes
    singular: str  # Danish, e.g. "Procedure"
    plural: str  # Danish, e.g. "Procedurer"
    folder: str = ""  # folder under qms/ holding its files; "" for items nested in another kind
    file: str = ""  # the one file of a singleton kind (the settings), relative to qms/
    nested_in: str = ""  # for items: the kind whose documents hold them ...
    nested_field: str = ""  # ... in this list field
    section: str = ""  # site folder of its pages; "" when it has no pages of its own
    template: str = ""  # page template of one document, in handbook/templates/
    index_template: str = "kind_index.md.j2"  # page template of the section's index page
    index_title: str = ""  # Danish title of that index page (default: the plural)
    overview: str = ""  # a page that gives the section's overview before its index, if any
    nav_title: str = ""  # Danish title of the section in the navigation (default: the plural)
    id_pattern: str = ID_PATTERN  # ids must match it in full
    id_in_title: bool = True  # page titles read "ID title"; not where the id is a name (KOMMUNE)
    search_boost: float = 1.0  # weight of its pages in the site's search (procedures before records)
    id_format: str = ""  # how `handbook new` numbers a new document, e.g. "PR-{n:02d}" ("" : ids are chosen)

    @property
    def schema(self) -> str:
        """Schema file name in qms/schemas (items are validated as part of their document)."""
        return f"{self.name}.schema.json"

    @property
    def index_heading(self) -> str:
        return self.index_title or self.plural

    @property
    def nav_heading(self) -> str:
        return self.nav_title or self.plural

    @property
    def has_schema(self) -> bool:
        return not self.nested_in

    @property
    def controlled(self) -> bool:
        """Documents of this kind carry document control (revision, status, approval)."""
        return any(f.name == "control" for f in fields(self.model))

    def next_id(self, taken: Iterable[str]) -> str:
        """The next free id in the kind's `id_format`: one above the highest number in use."""
        prefix = self.id_format.split("{", 1)[0]
        numbers = [int(i[len(prefix) :]) for i in taken if i.startswith(prefix) and i[len(prefix) :].isdigit()]
        return self.id_format.format(n=max(numbers, default=0) + 1)

    def id_matches(self, ident: str) -> bool:
        return _compiled(self.id_pattern).fullmatch(ident) is not None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = re.compile(pattern)
    return _PATTERNS[pattern]


# In reading order: the site's navigation, front page and listings follow it.
KINDS: tuple[Kind, ...] = (
    Kind("settings", Settings, "Indstillinger", "Indstillinger", file="handbook.yaml"),
    Kind(
        "procedure",
        Procedure,
        "Procedure",
        "Procedurer",
        folder="procedures",
        section="procedures",
        template="procedure.md.j2",
        index_template="procedure_index.md.j2",
        id_pattern=r"PR-[0-9]+",
        search_boost=5.0,
        id_format="PR-{n:02d}",
    ),
    Kind(
        "form",
        Form,
        "Skabelon",
        "Skabeloner",
        folder="forms",
        section="forms",
        template="form.md.j2",
        id_pattern=rf"SKAB-{ID_PATTERN}",
        search_boost=0.5,  # a blank template: the procedure that uses it answers a search first
    ),
    Kind(
        "actor",
        Actor,
        "Aktør",
        "Aktører",
        folder="actors",
        section="actors",
        template="actor.md.j2",
        index_template="actor_index.md.j2",
        id_in_title=False,
    ),
    # The adoption overview's section holds a page per municipality besides the overview's own
    # page (site/municipal.py); its index page is the overview of all municipalities.
    Kind(
        "adoption",
        Adoption,
        "Tilslutningsoversigt",
        "Tilslutningsoversigter",
        folder="adoption",
        section="municipalities",
        template="adoption.md.j2",
        index_template="municipality_index.md.j2",
        index_title="Kommuner",
        nav_title="Kommuner",
        id_pattern=rf"TILSL-{ID_PATTERN}",
    ),
    Kind("catalogue", Catalogue, "Kravkatalog", "Kravkataloger", folder="catalogues"),
    Kind(
        "requirement",
        Requirement,
        "Krav",
        "Krav",
        nested_in="catalogue",
        nested_field="requirements",
        section="requirements",
        template="requirement.md.j2",
        index_template="requirement_index.md.j2",
        overview="sporbarhed.md",
        nav_title="Krav og sporbarhed",
        search_boost=2.0,
    ),
    Kind(
        "conformity",
        Matrix,
        "Overensstemmelsesmatrix",
        "Overensstemmelsesmatricer",
        folder="conformity",
        id_pattern=rf"CONF-{ID_PATTERN}",
    ),
    Kind(
        "risk",
        Risk,
        "Risiko",
        "Risici",
        folder="risks",
        section="risks",
        template="risk.md.j2",
        index_template="risk_index.md.j2",
        index_title="Risikolog",
        id_pattern=r"RISK-[0-9]+",
        id_format="RISK-{n:02d}",
    ),
    Kind(
        "device",
        Device,
        "Udstyr",
        "Udstyr",
        folder="devices",
        section="devices",
        template="device.md.j2",
        index_template="device_index.md.j2",
        id_pattern=rf"DEV-{ID_PATTERN}",
    ),
    Kind(
        "hazard",
        Hazard,
        "Fare",
        "Farer",
        folder="hazards",
        section="hazards",
        template="hazard.md.j2",
        index_template="hazard_index.md.j2",
        index_title="Risikoanalyse for udstyret",
        nav_title="Risikoanalyse for udstyret",
        id_pattern=r"HAZ-[0-9]+",
    ),
    Kind(
        "record",
        Record,
        "Registrering",
        "Registreringer",
        folder="records",
        section="records",
        template="record.md.j2",
        index_template="record_index.md.j2",
        id_pattern=rf"REC-{ID_PATTERN}",
        search_boost=0.5,
    ),
)

BY_NAME: Mapping[str, Kind] = {kind.name: kind for kind in KINDS}
SETTINGS = BY_NAME["settings"]
SETTINGS_FILE = f"{QMS_DIR}/{SETTINGS.file}"  # the handbook's settings, relative to the root


def kind(name: str) -> Kind:
    return BY_NAME[name]


def document_kinds() -> Iterator[Kind]:
    """Kinds that have files of their own under qms/ (the settings included)."""
    return (k for k in KINDS if not k.nested_in)


def item_kinds(container: str) -> Iterator[Kind]:
    """Kinds whose items stand inside documents of `container`."""
    return (k for k in KINDS if k.nested_in == container)


def with_pages() -> Iterator[Kind]:
    return (k for k in KINDS if k.section)


def by_folder(folder: str) -> Kind | None:
    """The kind whose files live in qms/<folder>/, if any."""
    return next((k for k in KINDS if k.folder and k.folder == folder), None)


def model_kind(obj: Any) -> Kind | None:
    """The kind of a model object, by its class."""
    return next((k for k in KINDS if isinstance(obj, k.model)), None)
