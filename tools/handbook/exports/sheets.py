"""Spreadsheets an auditor can filter: the traceability matrix (and the gap register) as XLSX and
as CSV that Danish Excel opens as it is (semicolon separated, UTF-8 with a byte-order mark).

Every figure comes from the same view functions as the site. Text from the handbook is data: a
cell that would start a formula (=, +, -, @, or a tab or carriage return before one) is written
as text in XLSX and prefixed with an apostrophe in CSV, so opening the file runs nothing. Two
runs over the same handbook give the same bytes.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import markdown

from ..gaps import GapRow, gap_rows
from ..model import Handbook
from ..reports.figures import CoverageLine
from ..site.views import Views
from ..values import Conformity
from .zips import rezip

_TAG = re.compile(r"<[^>]+>")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MATRIX_HEAD = (
    "Katalog",
    "Krav",
    "Reference",
    "Titel",
    "Status",
    "Procedurer",
    "Evidens",
    "Kravansvarlig",
    "Planens ejer",
    "Frist",
)


GAPS_HEAD = (
    "Katalog",
    "Krav",
    "Reference",
    "Titel",
    "Status",
    "Kravansvarlig",
    "Planens ejer",
    "Handling",
    "Frist",
    "Overskredet",
    "Matrice",
)


@dataclass(frozen=True)
class Table:
    """One sheet: its name, header row and rows of plain values."""

    name: str
    head: Sequence[str]
    rows: Sequence[Sequence[object]]


def matrix_tables(hb: Handbook, views: Views) -> list[Table]:
    """The coverage summary, then one table per catalogue in the handbook's catalogue order."""
    summary = views.coverage_summary()
    head = ("Katalog", *(s.label for s in Conformity), "Dækning")
    coverage = [_coverage_row(line.catalogue.id if line.catalogue else "", line) for line in summary.catalogues]
    coverage.append(_coverage_row("I alt", summary.total))
    tables = [Table("Dækning", head, coverage)]
    for cat in hb.ordered_catalogues:
        tables.append(Table(cat.id, MATRIX_HEAD, [_matrix_row(hb, views, req.id) for req in cat.requirements]))
    return tables


def gap_tables(hb: Handbook, views: Views, today: date) -> list[Table]:
    """The gap register (gaps.gap_rows, as on the site): all gaps, then one sheet per catalogue."""
    rows = [_gap_row(hb, row) for row in gap_rows(hb, today)]
    tables = [Table("Alle huller", GAPS_HEAD, rows)]
    for cat in hb.ordered_catalogues:
        mine = [row for row in rows if row[0] == cat.id]
        if mine:
            tables.append(Table(cat.id, GAPS_HEAD, mine))
    return [matrix_tables(hb, views)[0], *tables]


def _gap_row(hb: Handbook, row: GapRow) -> list[object]:
    status = row.status.label + (" (udkast)" if row.draft else "")
    return [
        row.catalogue,
        row.requirement,
        row.ref,
        row.title,
        status,
        row.responsible,
        row.plan_owner,
        plain_text(row.action),
        row.due,
        "ja" if row.overdue else "nej",
        row.matrix,
    ]


def plain_text(text: str) -> str:
    """A Markdown field as the words a reader sees (a cell holds text, not markup)."""
    rendered = markdown.markdown(text)
    return " ".join(html.unescape(_TAG.sub(" ", rendered)).split())


def _coverage_row(name: str, line: CoverageLine) -> list[object]:
    return [name, *line.row, line.coverage]


def _matrix_row(hb: Handbook, views: Views, rid: str) -> list[object]:
    req = hb.requirements[rid]
    entries = hb.entries_by_requirement.get(rid, ())
    trace = views.trace(rid)
    plans = [e.plan for e in entries if e.plan is not None]
    return [
        req.catalogue,
        req.id,
        req.ref,
        req.title,
        views.requirement_label(req),
        ", ".join(trace.procedures),
        ", ".join(trace.evidence),
        ", ".join(trace.responsible),
        ", ".join(dict.fromkeys(p.owner for p in plans)),
        min((p.due for p in plans), default=None),
    ]


def inert(value: object) -> object:
    """A value that opening the file cannot run (for CSV; XLSX cells are typed instead)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx(tables: Sequence[Table], title: str, when: datetime) -> bytes:
    from openpyxl import Workbook  # imported here: only exports pay for loading it
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    for empty in list(book.worksheets):  # a new workbook starts with one empty sheet
        book.remove(empty)
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append(list(table.head))
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text, even if it starts like a formula
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, name in enumerate(table.head, 1):
            width = max([len(str(name)), *(len(str(r[i - 1] or "")) for r in table.rows)])
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    props = book.properties
    props.title, props.creator, props.lastModifiedBy = title, title, title
    props.created = props.modified = when
    # ExcelWriter, not book.save(): save() stamps the modified time with the clock
    buffer = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return rezip(buffer.getvalue())


def _cell(value: object) -> object:
    return "" if value is None else value


def joined(tables: Sequence[Table], name: str) -> Table:
    """Tables with the same columns as one (e.g. every catalogue's rows, for one CSV file)."""
    return Table(name, tables[0].head, [row for table in tables for row in table.rows])


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.head)
    for row in table.rows:
        writer.writerow([inert(_cell(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
