"""The search index: alternative spellings of æ, ø, å, ids as readers type them, kind weights, and
no table headers or field labels in the indexed text."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.kinds import BY_NAME
from handbook.site.search import (
    FIELDS,
    TEXT_ALT,
    TITLE_ALT,
    enrich,
    enrich_index,
    id_variants,
    other_spellings,
    page_id,
)


def test_other_spellings_go_both_ways_and_leave_plain_words_out() -> None:
    assert other_spellings("Hændelser og afvigelser") == ["haendelser"]
    assert other_spellings("Haendelser i Aalborg") == ["hændelser", "ålborg"]
    assert other_spellings("Ændringsønsker, <p>både</p>") == ["aendringsoensker", "baade"]
    assert other_spellings("Risikostyring af K-PRO") == []


def test_ids_as_readers_type_them() -> None:
    assert id_variants("PR-08") == ["PR-8", "PR08", "PR8"]
    assert id_variants("GSPR-17.2") == ["GSPR17.2"]
    assert id_variants("REC-08-1") == ["REC-8-1", "REC081", "REC81"]
    assert id_variants("KOMMUNE") == []  # a name, not a code
    assert page_id("procedures/PR-08.html") == "PR-08"
    assert page_id("index.html") == "" and page_id("procedures/index.html") == ""


def test_exact_spellings_stay_in_the_ordinary_fields() -> None:
    entry = {"location": "procedures/PR-08.html", "title": "PR-08 Hændelser", "text": "<p>Kun ord uden særtegn.</p>"}
    out = enrich(entry)
    assert out["title"] == entry["title"] and out["text"] == entry["text"]
    assert out[TITLE_ALT].split() == ["haendelser", "PR-8", "PR08", "PR8"]
    assert out[TEXT_ALT] == "saertegn"
    section = enrich({"location": "procedures/PR-08.html#PR-08-A1", "title": "A1 Opdag", "text": ""})
    assert TITLE_ALT not in section and TEXT_ALT not in section  # ids only on the page itself
    index = enrich_index({"config": {"fields": {"title": {"boost": 1000.0}}}, "docs": [entry]})
    assert index["config"]["fields"] == {"title": {"boost": 1000.0}, **FIELDS}


def test_built_index_weighs_kinds_and_leaves_labels_out(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(FIELDS) <= set(index["config"]["fields"])
    docs = {d["location"]: d for d in index["docs"]}
    assert docs["procedures/PR-01.html"]["boost"] == BY_NAME["procedure"].search_boost
    assert docs["records/REC-01.html"]["boost"] == BY_NAME["record"].search_boost
    assert "boost" not in docs["procedures/index.html"]
    assert BY_NAME["procedure"].search_boost > BY_NAME["requirement"].search_boost > BY_NAME["record"].search_boost
    assert "PR-1" in docs["procedures/PR-01.html"][TITLE_ALT].split()
    generated = [d for d in index["docs"] if "/" in d["location"] or d["location"] in ("raci.html", "sporbarhed.html")]
    for label in ("Dokument-id", "Næste gennemgang", "Klassifikation", "Om siden", "Udgavens dato"):
        found = [d["location"] for d in generated if label in d["text"]]
        assert not found, f"the label {label!r} is in the indexed text of {found[:5]}"
