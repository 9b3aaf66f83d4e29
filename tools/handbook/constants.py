"""Constants that more than one stage needs, each declared once."""

from __future__ import annotations

QMS_DIR = "qms"  # the controlled content, relative to the repository root
SCHEMA_DIR = f"{QMS_DIR}/schemas"
DATA_DIR = f"{QMS_DIR}/data"  # data files that documents point to (e.g. the municipalities)
DOCS_DIR = "docs"  # the site's hand-written pages
DOCUMENT_SUFFIX = ".yaml"  # a handbook document is qms/<folder>/<id>.yaml

# Defaults of the handbook settings (qms/handbook.yaml may change them).
MAX_FILE_BYTES = 1024 * 1024  # largest YAML file read; a bigger one is reported, never parsed
REVIEW_WARNING_DAYS = 30  # how long before a review date REVIEW-DUE-SOON warns
