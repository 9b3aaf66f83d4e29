"""The site's search index, made to find what Danish readers type.

mkdocs-material's search plugin indexes each page section's title and text; three things it does
not do are added here, after it has written `search/search_index.json` and before the offline
plugin inlines that file (`search_hook.py`):

- spellings without æ, ø, å: "haendelse" finds "hændelse", and "hændelse" finds a text written
  "haendelse". Each section gets two extra fields holding only its words that change when written
  the other way (æ↔ae, ø↔oe, å↔aa). A query spelled like the page matches the ordinary fields,
  the alternative spelling matches only the extra ones: exact matches are never pushed down;
- ids typed as a reader says them: "PR 8" and "PR8" find PR-08, "GSPR17.2" finds GSPR-17.2. A
  document page's id variants go into its title's extra field;
- the extra fields' weights: the alternative title weighs like the title, the alternative text
  like the text (`FIELDS`, also declared in mkdocs.yml's search settings through the build).

What is left out of the index (table header rows, field labels, the page foot) is marked in the
templates with `data-search-exclude`; how much a kind's pages weigh is `Kind.search_boost`,
written into each page's front matter.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

TITLE_ALT, TEXT_ALT = "kpro_title", "kpro_text"
# The theme weighs titles 1000 and text 1 (its defaults); the alternatives weigh the same.
FIELDS = {TITLE_ALT: {"boost": 1000.0}, TEXT_ALT: {"boost": 1.0}}

_TO_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_FROM_ASCII = ((re.compile("aa", re.I), "å"), (re.compile("ae", re.I), "æ"), (re.compile("oe", re.I), "ø"))
_WORD = re.compile(r"[^\W_]+(?:[.-][^\W_]+)*")
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r"[A-Z][A-Z0-9]*(?:[.-][A-Z0-9]+)+")


def other_spellings(text: str) -> list[str]:
    """The words of `text` written the other way (æ→ae and ae→æ, ...), each once, in order;
    words that read the same either way are left out."""
    found: dict[str, None] = {}
    for word in _WORD.findall(_TAG.sub(" ", text)):
        lower = word.lower()
        for variant in (lower.translate(_TO_ASCII), _danish(lower)):
            if variant != lower:
                found.setdefault(variant)
    return list(found)


def _danish(word: str) -> str:
    for pattern, letter in _FROM_ASCII:
        word = pattern.sub(letter, word)
    return word


def id_variants(ident: str) -> list[str]:
    """How a reader may type an id: without leading zeros (PR-8) and without separators (PR08,
    PR8, GSPR17.2). The search splits at spaces and hyphens, so "PR 8" matches "PR-8"."""
    if not _ID.fullmatch(ident):
        return []
    unpadded = re.sub(r"(?<![0-9])0+(?=[0-9])", "", ident)
    joined = {v.replace("-", "") for v in (ident, unpadded)}
    return [v for v in dict.fromkeys([unpadded, *sorted(joined)]) if v != ident]


def page_id(location: str) -> str:
    """The document id of a page address such as procedures/PR-08.html ("" for other pages)."""
    path = PurePosixPath(location.split("#", 1)[0])
    return path.stem if path.parent.name and path.suffix == ".html" and path.stem != "index" else ""


def enrich(entry: dict[str, Any]) -> dict[str, Any]:
    """One index entry (a page or a section of one) with its alternative spellings and, for the
    page itself, its id variants."""
    ident = page_id(entry["location"]) if "#" not in entry["location"] else ""
    title = other_spellings(entry.get("title", "")) + id_variants(ident)
    if ident.isdigit():  # a municipality's code: its title says "(825)", which the Danish trimmer drops
        title.append(ident)
    text = other_spellings(entry.get("text", ""))
    out = dict(entry)
    if title:
        out[TITLE_ALT] = " ".join(title)
    if text:
        out[TEXT_ALT] = " ".join(text)
    return out


def enrich_index(data: dict[str, Any]) -> dict[str, Any]:
    config = dict(data["config"])
    config["fields"] = {**config.get("fields", {}), **FIELDS}
    return {**data, "config": config, "docs": [enrich(entry) for entry in data["docs"]]}


def _page(entry: dict[str, Any]) -> str:
    return str(entry["location"]).split("#", 1)[0]


def merge(previous: list[dict[str, Any]], fresh: list[dict[str, Any]], built: set[str]) -> list[dict[str, Any]]:
    """The index after a build of only some pages (the live preview): the entries of the pages
    built this time from `fresh`, every other page's from the `previous` index."""
    if not previous:
        return fresh
    return [e for e in previous if _page(e) not in built] + [e for e in fresh if _page(e) in built]


def read_entries(index_file: Path) -> list[dict[str, Any]]:
    """The entries of an index already written ([] when there is none or it cannot be read)."""
    try:
        docs = json.loads(index_file.read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return docs if isinstance(docs, list) else []


def rewrite(index_file: Path, previous: list[dict[str, Any]] | None = None, built: set[str] | None = None) -> None:
    """Enrich the search index the theme wrote, in place; after a build of some pages, merged
    with the previous index first. (A full build writes into a staging folder, so a half-written
    file is never published; the preview's index is replaced atomically.)"""
    data = enrich_index(json.loads(index_file.read_text(encoding="utf-8")))
    if previous and built is not None:  # the previous entries are enriched already
        data["docs"] = merge(previous, data["docs"], built)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    temporary = index_file.with_name(f".{index_file.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, index_file)

