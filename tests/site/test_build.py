"""`handbook build` end to end on the example handbook: pages, links, header fields, safety,
and fail-closed behaviour."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from handbook.cli import main

from .conftest import EXAMPLE, TODAY


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "id" and value:
                self.ids.add(value)
        if tag in ("a", "link") and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"] or "")
        if tag == "script":
            self._in_script = True
            if dict(attrs).get("src"):
                self.links.append(dict(attrs)["src"] or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def documents() -> list[tuple[str, str]]:
    """(page path, yaml file) for every document in the example handbook."""
    found = []
    for folder in ("procedures", "actors", "risks", "devices", "records"):
        for file in sorted((EXAMPLE / "qms" / folder).glob("*.yaml")):
            found.append((f"{folder}/{file.stem}.html", f"qms/{folder}/{file.name}"))
    for file in sorted((EXAMPLE / "qms" / "catalogues").glob("*.yaml")):
        for req in yaml.safe_load(file.read_text(encoding="utf-8"))["requirements"]:
            found.append((f"requirements/{req['id']}.html", f"qms/catalogues/{file.name}"))
    return found


@pytest.mark.parametrize(("page", "source"), documents())
def test_every_document_has_a_page(built_site: Path, page: str, source: str) -> None:
    assert (built_site / page).is_file(), f"{source} has no page {page}"


def test_every_internal_link_resolves(built_site: Path) -> None:
    parsed = {p.relative_to(built_site).as_posix(): parse(p) for p in built_site.rglob("*.html")}
    broken = []
    for page, html in parsed.items():
        for href in html.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                broken.append(f"{page}: external reference {href}")  # nothing may load from the network
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # only 404.html, which a web server serves from the site root
                target = unquote(parts.path).lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
            if not (built_site / target).exists():
                broken.append(f"{page}: {href} → missing {target}")
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in parsed[target].ids:
                broken.append(f"{page}: {href} → no anchor #{parts.fragment}")
    assert not broken, "\n".join(broken[:20])


def _header(html: str) -> dict[str, str]:
    import re

    rows = re.findall(r'<tr>\s*<th scope="row"[^>]*>(.*?)</th>\s*<td>(.*?)</td>\s*</tr>', html, re.S)
    return {re.sub("<[^>]+>", "", k): re.sub("<[^>]+>", "", v) for k, v in rows}


@pytest.mark.parametrize("ident", ["PR-01", "PR-02"])
def test_header_fields_match_yaml(built_site: Path, ident: str) -> None:
    data = yaml.safe_load((EXAMPLE / "qms" / "procedures" / f"{ident}.yaml").read_text(encoding="utf-8"))
    control = data["control"]
    header = _header((built_site / "procedures" / f"{ident}.html").read_text(encoding="utf-8"))
    import html as html_lib

    assert header["Dokument-id"] == ident
    assert html_lib.unescape(header["Titel"]) == data["title"]
    assert header["Revision"] == str(control["revision"])
    assert header["Status"] == "Gældende"
    assert header["Ejer"].startswith(control["owner"])
    assert header["Godkender"].startswith(control["approver"])
    assert header["Godkendt"] == str(control["approved"])
    assert header["Gældende fra"] == str(control["effective"])
    assert header["Næste gennemgang"] == str(control["next_review"])
    assert header["Håndbogens udgave"] == "udkast (ikke versionsstyret)"  # the test copy is not in git


def test_no_script_or_handler_from_yaml_reaches_the_page(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = parse(path)
        for tag, name, value in html.attrs:
            assert not name.startswith("on"), f"{path}: <{tag} {name}>"
            if name in ("href", "src"):
                assert not value.strip().lower().startswith(("javascript:", "data:")), f"{path}: {value}"
        assert not any("alert(" in s for s in html.scripts), path
    page = (built_site / "procedures" / "PR-01.html").read_text(encoding="utf-8")
    # The Markdown field's tag is stripped entirely; the plain-text title shows its tags as text.
    assert "onerror" not in page and "alert(" not in page
    assert "&lt;b&gt;&amp; registreringer&lt;/b&gt;" in page and "<b>" not in page


def test_site_works_offline(built_site: Path) -> None:
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "unpkg.com" not in index
    assert 'src="assets/handbook/iframe-worker-shim.js"' in index
    assert (built_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")
    assert 'lang="da"' in index


def test_build_is_reproducible(handbook_root: Path, tmp_path: Path) -> None:
    args = ["build", str(handbook_root), "--today", TODAY.isoformat(), "--out"]
    assert main([*args, str(tmp_path / "a")]) == 0
    assert main([*args, str(tmp_path / "b")]) == 0
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert files_a == files_b


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_broken_yaml_fails_closed(handbook_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["build", str(handbook_root), "--out", str(out), "--today", TODAY.isoformat()]) == 0
    before = _snapshot(out)
    proc = handbook_root / "qms" / "procedures" / "PR-02.yaml"
    proc.write_text(proc.read_text(encoding="utf-8").replace("title: Hændelser", "title: [unclosed"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(handbook_root), "--today", TODAY.isoformat()]) == 1
    check_output = capsys.readouterr().out
    assert main(["build", str(handbook_root), "--out", str(out), "--today", TODAY.isoformat()]) == 1
    build_output = capsys.readouterr().out
    assert build_output == check_output and "PR-02.yaml" in build_output
    assert _snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]


def test_refuses_to_replace_a_folder_it_did_not_build(handbook_root: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["build", str(handbook_root), "--out", str(precious)]) == 2
    assert (precious / "keep.txt").read_text(encoding="utf-8") == "x"
    assert main(["build", str(handbook_root), "--out", str(handbook_root)]) == 2


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["build", str(tmp_path)]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["serve", str(tmp_path), "--port", "99999"])
    assert exc.value.code == 2


def test_strict_survives_a_quiet_mkdocs_logger(tmp_path: Path) -> None:
    """A caller that silenced mkdocs' logger must not turn --strict off."""
    import logging

    from handbook.errors import SiteBuildError
    from handbook.site.build import run_mkdocs

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("[broken](missing.md)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nuse_directory_urls: false\n", encoding="utf-8")
    logger = logging.getLogger("mkdocs")
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with pytest.raises(SiteBuildError):
            run_mkdocs(config, tmp_path / "out")
    finally:
        logger.setLevel(before)
