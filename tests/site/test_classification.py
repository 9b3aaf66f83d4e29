"""Internal documents stay internal: the default build is the public site, with nothing of an
internal document in any output file (pages, search index, sitemap), only its id marked
"intern" where a public document refers to it; `--internal` builds the complete site, marked
internal on every page and closed to search engines."""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from handbook.cli import main

from .conftest import TODAY, make_handbook

# Not PR-02: the hand-written authoring guide links to its page, and a public page may not
# link to an internal one (the build fails closed on such a link).
INTERNAL = {"procedures/PR-01.yaml", "records/REC-01.yaml", "risks/RISK-01.yaml"}


def _mark_internal(root: Path) -> None:
    for rel in INTERNAL:
        path = root / "qms" / rel
        path.write_text(path.read_text(encoding="utf-8").replace("confidentiality: public", "confidentiality: internal"))


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _runs(text: str) -> set[str]:
    return {" ".join(r.replace(",", " ").split()) for r in re.findall(r"(?:[\wÆØÅæøå]+[ ,]+){2,}[\wÆØÅæøå]+", text)}


def secrets(root: Path) -> set[str]:
    """Runs of three or more plain words from every text of the internal documents, except
    those that public documents or the hand-written pages also say."""
    internal: set[str] = set()
    public_text = " ".join(p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.md"))
    for path in (root / "qms").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = " ".join(_strings(data))
        if path.relative_to(root / "qms").as_posix() in INTERNAL:
            internal |= _runs(texts)
        else:
            public_text += " " + texts
    public = " ".join(public_text.replace(",", " ").split())
    return {run for run in internal if run not in public}


def _readable(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", "replace")
    if path.name == "search_index.js":  # JSON may write æøå as \\u escapes
        text = json.dumps(json.loads(text[text.index("{") : text.rindex("}") + 1]), ensure_ascii=False)
    elif path.suffix == ".json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    plain = re.sub(r"<[^>]+>", " ", html.unescape(text))
    return " ".join(plain.replace(",", " ").split())


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("classified")
    root = make_handbook(base / "hb")
    _mark_internal(root)
    public = base / "site"
    assert main(["build", str(root), "--out", str(public), "--today", TODAY.isoformat()]) == 0
    assert main(["build", str(root), "--internal", "--today", TODAY.isoformat()]) == 0
    return root, public, root / "site-internal"


def test_no_byte_of_an_internal_document_in_the_public_site(sites: tuple[Path, Path, Path]) -> None:
    root, public, _ = sites
    needles = secrets(root)
    assert len(needles) > 5, "the test must look for something"
    leaks = {}
    for path in sorted(p for p in public.rglob("*") if p.is_file()):
        text = _readable(path)
        found = [n for n in needles if n in text]
        if found:
            leaks[path.relative_to(public).as_posix()] = found
    assert leaks == {}


def test_internal_pages_are_absent_and_references_are_marked(sites: tuple[Path, Path, Path]) -> None:
    _, public, _ = sites
    for page in ("procedures/PR-01.html", "records/REC-01.html", "risks/RISK-01.html"):
        assert not (public / page).exists(), page
    requirement = (public / "requirements" / "MDR5-B.html").read_text(encoding="utf-8")
    assert "PR-01 (intern)" in requirement and "REC-01 (intern)" in requirement
    assert "PR-01.html" not in requirement
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    assert "PR-01" not in sitemap and "RISK-01" not in sitemap


def test_the_internal_site_is_complete_and_marked_on_every_page(sites: tuple[Path, Path, Path]) -> None:
    _, _, internal = sites
    assert (internal / "procedures" / "PR-01.html").is_file()
    pages = list(internal.rglob("*.html"))
    unmarked = [
        p.relative_to(internal).as_posix()
        for p in pages
        if p.name != "404.html" and "Intern udgave – må ikke offentliggøres" not in p.read_text(encoding="utf-8")
    ]
    assert unmarked == []
    for path in pages:
        assert '<meta name="robots" content="noindex, nofollow">' in path.read_text(encoding="utf-8"), path
    assert (internal / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert "Klassifikation" in (internal / "records" / "REC-01.html").read_text(encoding="utf-8")


def test_the_internal_site_never_goes_into_the_public_folder(sites: tuple[Path, Path, Path], capsys) -> None:  # type: ignore[no-untyped-def]
    root, public, _ = sites
    assert main(["build", str(root), "--internal", "--out", str(public)]) == 2
    assert "holds a public site" in capsys.readouterr().err
    assert not (public / "procedures" / "PR-01.html").exists()
