"""Where a site's downloadable files live (declared once): the pages link here when the site
carries its exports (`build --pdf`, and every released edition), and the exports write here."""

from __future__ import annotations

from dataclasses import dataclass

PDF_DIR = "pdf"
SHEET_DIR = "regneark"


@dataclass(frozen=True)
class Downloads:
    handbook_pdf: str = f"{PDF_DIR}/kvalitetshaandbog.pdf"
    matrix_pdf: str = f"{PDF_DIR}/sporbarhedsmatrix.pdf"
    matrix_xlsx: str = f"{SHEET_DIR}/sporbarhedsmatrix.xlsx"
    matrix_csv: str = f"{SHEET_DIR}/sporbarhedsmatrix.csv"
    gaps_pdf: str = f"{PDF_DIR}/huller.pdf"
    gaps_xlsx: str = f"{SHEET_DIR}/huller.xlsx"
    gaps_csv: str = f"{SHEET_DIR}/huller.csv"
    conformity_pdf: str = f"{PDF_DIR}/overensstemmelsesrapport.pdf"

    @staticmethod
    def procedure_pdf(ident: str) -> str:
        return f"{PDF_DIR}/procedures/{ident}.pdf"

    @staticmethod
    def municipal_pdf(code: str, use: str) -> str:
        """A municipality's PDF: its page (the checklist) or one of the documents made for it."""
        return f"{PDF_DIR}/kommuner/{code}/{MUNICIPAL_PDFS[use]}.pdf"


# The municipality's own page is its checklist; the others are made from the handbook's forms.
MUNICIPAL_PDFS = {
    "checklist": "tjekliste",
    "declaration": "erklaering",
    "inspection-folder": "tilsynsmappe",
    "local-annex": "lokalt-bilag",
}


DOWNLOADS = Downloads()
