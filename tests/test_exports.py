"""PDFs and spreadsheets of the example handbook: made from the same templates as the site, with
the header fields, page numbers and the uncontrolled-copy note on every page, æøå intact, only the
package's own fonts, the same bytes on every run; spreadsheets that read back as the model says
and cannot run a formula."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pypdf
import pytest

from handbook.check import check
from handbook.cli import main
from handbook.exports import sheets
from handbook.exports.files import export_files
from handbook.publication import public_view
from handbook.site.downloads import DOWNLOADS
from handbook.site.edition import site_edition
from handbook.site.inforce import effective_handbook

from .site.conftest import TODAY, make_handbook


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], object]:
    root = make_handbook(tmp_path_factory.mktemp("exports") / "hb")
    risk = root / "qms" / "risks" / "RISK-01.yaml"
    risk.write_text(risk.read_text(encoding="utf-8").replace("title: ", "title: =HYPERLINK(\"x\") ", 1), encoding="utf-8")
    result = check(root, TODAY)
    hb = public_view(effective_handbook(result))
    return export_files(hb, site_edition(result), TODAY), hb


def _pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def test_every_pdf_page_carries_header_page_numbers_and_the_uncontrolled_note(exported) -> None:  # type: ignore[no-untyped-def]
    files, _ = exported
    reader = _pdf(files[DOWNLOADS.procedure_pdf("PR-01")])
    pages = [p.extract_text() for p in reader.pages]
    assert pages, "the PDF has pages"
    for number, text in enumerate(pages, 1):
        assert f"Side {number} af {len(pages)}" in text
        assert "Udskrevet kopi er ikke styret" in text
        assert "PR-01 rev. 2" in text  # the running header: document and revision
        assert "udkast (ikke versionsstyret)" in text  # the edition identifier
    assert "Styring af dokumenter <b>& registreringer</b>" in pages[0]  # the title as typed, æøå too
    assert "Dokument-id" in pages[0] and "Godkender" in pages[0]


def test_pdfs_embed_only_the_package_fonts(exported) -> None:  # type: ignore[no-untyped-def]
    files, _ = exported
    for name, data in files.items():
        if name.endswith(".pdf"):
            fonts = {
                str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
                for page in _pdf(data).pages
                for font in (page["/Resources"].get("/Font") or {}).values()
            }
            assert fonts and fonts <= {"KPRO-Sans", "KPRO-Sans-Bold", "KPRO-Sans-Oblique", "KPRO-Sans-BoldOblique", "KPRO-Mono"}, (name, fonts)


def test_the_whole_handbook_links_its_pages_inside_the_pdf(exported) -> None:  # type: ignore[no-untyped-def]
    files, hb = exported
    reader = _pdf(files[DOWNLOADS.handbook_pdf])
    text = "\n".join(p.extract_text() for p in reader.pages)
    for proc in hb.procedures:
        assert proc in text
    assert reader.named_destinations, "sections are anchors a link can jump to"


def test_exports_are_the_same_bytes_on_every_run(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files, _ = exported
    root = make_handbook(tmp_path / "hb")
    risk = root / "qms" / "risks" / "RISK-01.yaml"
    risk.write_text(risk.read_text(encoding="utf-8").replace("title: ", "title: =HYPERLINK(\"x\") ", 1), encoding="utf-8")
    result = check(root, TODAY)
    again = export_files(public_view(effective_handbook(result)), site_edition(result), TODAY)
    assert again.keys() == files.keys()
    assert [n for n in files if files[n] != again[n]] == []


def test_the_spreadsheet_reads_back_as_the_model_says(exported) -> None:  # type: ignore[no-untyped-def]
    files, hb = exported
    book = openpyxl.load_workbook(io.BytesIO(files[DOWNLOADS.matrix_xlsx]))
    assert book.sheetnames == ["Dækning", *(c.id for c in hb.ordered_catalogues)]
    sheet = book["MDR5"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {r.id for r in hb.catalogues["MDR5"].requirements}
    assert rows["MDR5-B"][4] == "Opfyldt" and rows["MDR5-B.1"][4] == "Ikke opfyldt"
    coverage = {row[0]: row for row in book["Dækning"].iter_rows(min_row=2, values_only=True)}
    assert coverage["MDR5"][-1] == "67 %" and coverage["I alt"][1] == 2


def test_text_that_looks_like_a_formula_stays_text() -> None:
    table = sheets.Table("T", ("A",), [["=cmd|' /C calc'!A0"], ["+1"], ["-2"], ["@SUM(A1)"], ["tekst"]])
    book = openpyxl.load_workbook(io.BytesIO(sheets.xlsx([table], "t", datetime(2026, 1, 1))))
    cells = [c for c in book["T"]["A"][1:]]
    assert all(c.data_type == "s" for c in cells) and cells[0].value == "=cmd|' /C calc'!A0"
    rows = list(csv.reader(io.StringIO(sheets.csv_bytes(table).decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(A1)", "tekst"]


def test_the_csv_is_what_danish_excel_opens(exported) -> None:  # type: ignore[no-untyped-def]
    files, _ = exported
    data = files[DOWNLOADS.matrix_csv]
    assert data.startswith("\ufeff".encode())
    head = data.decode("utf-8-sig").splitlines()[0]
    assert head.split(";")[:3] == ["Katalog", "Krav", "Reference"]


def test_build_with_pdf_links_the_files_it_carries(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    out = tmp_path / "site"
    assert main(["build", str(root), "--out", str(out), "--pdf", "--today", TODAY.isoformat()]) == 0
    for rel in (DOWNLOADS.handbook_pdf, DOWNLOADS.matrix_xlsx, DOWNLOADS.procedure_pdf("PR-01")):
        assert (out / rel).is_file(), rel
    page = (out / "procedures" / "PR-01.html").read_text(encoding="utf-8")
    assert 'href="../pdf/procedures/PR-01.pdf"' in page
    plain = tmp_path / "plain"
    assert main(["build", str(root), "--out", str(plain), "--today", TODAY.isoformat()]) == 0
    assert not (plain / "pdf").exists() and "pdf/procedures" not in (plain / "procedures" / "PR-01.html").read_text()


def test_the_gap_register_sheets_read_back_as_gap_rows(exported) -> None:  # type: ignore[no-untyped-def]
    from handbook.gaps import gap_rows
    from handbook.reports import figures

    files, hb = exported
    expected = gap_rows(hb, TODAY)
    assert [g.requirement for g in expected] == [r.id for r in figures.gaps(hb)]  # one count everywhere
    book = openpyxl.load_workbook(io.BytesIO(files[DOWNLOADS.gaps_xlsx]))
    assert book.sheetnames[:2] == ["Dækning", "Alle huller"]
    sheet = book["Alle huller"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [g.requirement for g in expected]
    assert [r[5] or "" for r in rows] == [g.responsible for g in expected]
    assert [r[6] or "" for r in rows] == [g.plan_owner for g in expected]
    assert [r[9] for r in rows] == ["ja" if g.overdue else "nej" for g in expected]
    text = files[DOWNLOADS.gaps_csv].decode("utf-8")
    assert text.startswith("\ufeffKatalog;Krav;") and len(text.strip().splitlines()) == len(expected) + 1


def test_a_municipality_gets_its_four_pdfs_from_the_real_handbook() -> None:
    """Læsø's checklist, declaration, inspection folder and local annex: its name and code, the
    edition on every page, and the declaration marked as a draft while anything blocks it."""
    from handbook.exports import documents

    repo = Path(__file__).resolve().parents[1]
    result = check(repo, TODAY)
    hb = public_view(effective_handbook(result))
    jobs = documents.pdf_jobs(hb, site_edition(result), TODAY)
    municipal = [job for job in jobs if job.name.startswith("pdf/kommuner/")]
    with (repo / "qms" / "data" / "kommuner.csv").open(encoding="utf-8") as handle:
        names = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    assert len(municipal) == 4 * len(names) == 4 * 98
    for job in municipal:
        code = job.name.split("/")[2]
        assert f"{names[code]} (kommunekode {code})" in job.document.title
    laesoe = documents.render_all([job for job in municipal if job.name.startswith("pdf/kommuner/825/")])
    assert sorted(laesoe) == sorted(documents.municipal_files("825"))
    for name, data in laesoe.items():
        pages = [p.extract_text() for p in _pdf(data).pages]
        for number, page in enumerate(pages, 1):
            assert f"Side {number} af {len(pages)}" in page and "– Læsø (825)" in page, name
    reader = _pdf(laesoe[DOWNLOADS.municipal_pdf("825", "declaration")])
    assert reader.metadata is not None and reader.metadata.title == "Erklæring efter MDR art. 5, stk. 5, litra e – Læsø (kommunekode 825)"
    declaration = "\n".join(p.extract_text() for p in reader.pages)
    assert "Offentlig erklæring: Læsø (825)" in declaration
    assert "Udkast – må ikke offentliggøres" in declaration
    assert "Region Nordjylland" in declaration
