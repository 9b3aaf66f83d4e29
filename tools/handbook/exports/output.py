"""Writing an export: whole or not at all, and never into the handbook's own sources or archive."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..constants import QMS_DIR
from ..editions.archive import ARCHIVE_DIR, EditionError


def write_export(root: Path, target: Path, data: bytes) -> Path:
    """Write `data` to `target` atomically (a temporary file in the same folder, then a rename)."""
    target = target.resolve()
    for folder in (QMS_DIR, ARCHIVE_DIR):
        if target.is_relative_to(root.resolve() / folder):
            raise EditionError(f"refusing to write {target}: {folder}/ holds the handbook's own files")
    if target.is_dir():
        raise EditionError(f"refusing to write {target}: it is a folder; name the file, e.g. --out pakke.zip")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
