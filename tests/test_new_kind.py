"""Adding a document kind takes its schema, its model class, one registry entry and one page
template, and nothing else: a copy of the package gets a new kind ("meeting") that is then
loaded, validated, linked, reference-checked and published with no other file touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .site.conftest import TODAY, make_handbook

REPO = Path(__file__).resolve().parents[1]

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Møde",
    "description": "Et møde i et styrende organ, med beslutninger.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "kind", "title", "held", "chair"],
    "properties": {
        "id": {"$ref": "defs.schema.json#/$defs/id", "title": "Møde-id", "description": "F.eks. MEET-01."},
        "kind": {"title": "Dokumenttype", "description": "Altid meeting.", "const": "meeting"},
        "title": {"$ref": "defs.schema.json#/$defs/text", "title": "Titel", "description": "Mødets titel."},
        "held": {"$ref": "defs.schema.json#/$defs/date", "title": "Afholdt", "description": "Mødedato."},
        "chair": {"$ref": "defs.schema.json#/$defs/actor_ref", "title": "Formand", "description": "Aktør."},
        "decisions": {"$ref": "defs.schema.json#/$defs/markdown", "title": "Beslutninger", "description": "Tekst."},
        "procedures": {"$ref": "defs.schema.json#/$defs/ref_list", "title": "Procedurer", "description": "Id'er."},
    },
}
MODEL_CLASS = '''

@dataclass(frozen=True, kw_only=True)
class Meeting:
    id: str
    title: str
    held: date
    chair: str = refers_to("actor")
    decisions: str = ""
    procedures: tuple[str, ...] = refers_to_many("procedure")
    where: Where = NOWHERE
'''
REGISTRY_ENTRY = '''    Kind(
        "meeting",
        Meeting,
        "Møde",
        "Møder",
        folder="meetings",
        section="meetings",
        template="meeting.md.j2",
        id_pattern=r"MEET-[0-9]+",
    ),
'''
TEMPLATE = """{% extends "_base.md.j2" %}
{% import "_macros.md.j2" as m with context %}
{% block body %}
{{ m.fields([("Afholdt", doc.held), ("Formand", page.actor(doc.chair)), ("Procedurer", page.linked("procedure", doc.procedures, titles=true))]) }}

## Beslutninger

{{ m.markdown(doc.decisions, empty="Ingen beslutninger.") }}
{% endblock %}
"""
MEETING = """id: MEET-01
kind: meeting
title: Styregruppemøde <første>
held: 2026-11-20
chair: FSA
decisions: Risikologgen er **gennemgået**.
procedures: [PR-01]
"""


def _add_kind(package: Path, handbook: Path) -> None:
    model = package / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + MODEL_CLASS, encoding="utf-8")
    kinds = package / "kinds.py"
    text = kinds.read_text(encoding="utf-8")
    text = text.replace("Requirement, Risk, Settings\n", "Meeting, Requirement, Risk, Settings\n", 1)
    head, sep, tail = text.partition("\n)\n\nBY_NAME")
    assert sep, "the registry no longer ends where this test expects"
    kinds.write_text(head + "\n" + REGISTRY_ENTRY.rstrip("\n") + sep + tail, encoding="utf-8")
    (package / "templates" / "meeting.md.j2").write_text(TEMPLATE, encoding="utf-8")
    (handbook / "qms" / "schemas" / "meeting.schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    (handbook / "qms" / "meetings").mkdir()
    (handbook / "qms" / "meetings" / "MEET-01.yaml").write_text(MEETING, encoding="utf-8")


def _handbook(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    return subprocess.run(
        [sys.executable, "-m", "handbook.cli", *args], capture_output=True, text=True, env=env, timeout=240
    )


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("newkind")
    copy = base / "pkg"
    shutil.copytree(REPO / "tools" / "handbook", copy / "handbook", ignore=shutil.ignore_patterns("__pycache__"))
    handbook = make_handbook(base / "hb")
    _add_kind(copy / "handbook", handbook)
    return copy, handbook


def test_new_kind_is_loaded_validated_linked_and_checked(extended: tuple[Path, Path]) -> None:
    copy, handbook = extended
    done = _handbook(copy, "check", str(handbook), "--format", "json", "--today", TODAY.isoformat())
    report = json.loads(done.stdout)
    assert report["diagnostics"] == [] and done.returncode == 0, done.stdout + done.stderr
    assert report["summary"]["documents"] == 13

    meeting = handbook / "qms" / "meetings" / "MEET-01.yaml"
    meeting.write_text(MEETING.replace("chair: FSA", "chair: NOBODY").replace("held: 2026-11-20", "held: 20-11-2026"))
    done = _handbook(copy, "check", str(handbook), "--today", TODAY.isoformat())
    assert "SCHEMA-FORMAT" in done.stdout and done.returncode == 1
    meeting.write_text(MEETING.replace("chair: FSA", "chair: NOBODY"))
    done = _handbook(copy, "check", str(handbook), "--today", TODAY.isoformat())
    assert "qms/meetings/MEET-01.yaml:5:8: REF-UNKNOWN unknown actor 'NOBODY'" in done.stdout
    meeting.write_text(MEETING)


def test_new_kind_is_published(extended: tuple[Path, Path], tmp_path: Path) -> None:
    copy, handbook = extended
    out = tmp_path / "site"
    done = _handbook(copy, "build", str(handbook), "--out", str(out), "--today", TODAY.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    page = (out / "meetings" / "MEET-01.html").read_text(encoding="utf-8")
    assert "MEET-01 Styregruppemøde &lt;første&gt;" in page
    assert "<strong>gennemgået</strong>" in page and 'href="../procedures/PR-01.html"' in page
    assert 'href="../actors/FSA.html"' in page
    index = (out / "meetings" / "index.html").read_text(encoding="utf-8")
    assert 'href="MEET-01.html"' in index
    front = (out / "index.html").read_text(encoding="utf-8")
    assert "Møder" in front and 'href="meetings/index.html"' in front
