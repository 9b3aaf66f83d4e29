"""Zip files that are the same bytes for the same content: sorted names, fixed times and modes.

Used for packs and for XLSX files (an XLSX is a zip, and openpyxl stamps each member with the
time of writing)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # unix, so the mode above is read as one
    return info


def deterministic_zip(files: Mapping[str, bytes], order: Iterable[str] | None = None) -> bytes:
    """A zip of `files` (name → bytes), members in `order` (default: sorted by name)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order if order is not None else sorted(files):
            archive.writestr(_info(name), files[name], compresslevel=9)
    return buffer.getvalue()


def rezip(data: bytes) -> bytes:
    """The same zip with fixed times (members keep their order: an XLSX wants its content-types
    part first)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        files = {name: archive.read(name) for name in names}
    return deterministic_zip(files, names)
