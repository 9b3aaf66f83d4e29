"""Progress on long work, for a person at a terminal: which stage runs and how far it is.

One small helper that every long command uses (`build` and `release` today; `export` and `report`
can call it the same way): a `Progress` made once per command from its `--quiet` flag, and one
`stage(...)` per step, which the step advances as it goes. It draws with tqdm on standard error
and only on a terminal: with --quiet, when standard error is not a terminal (a pipe, a log file),
or in CI (CI=true) nothing is drawn, so scripted and JSON output stay exactly as they were.

    progress = Progress.for_terminal(quiet=args.quiet)
    with progress.stage("rendering pages", total=len(pages), unit="page") as advance:
        for page in pages:
            ...
            advance()
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Advance = Callable[[int], None]


def _nothing(n: int = 1) -> None:
    pass


def wanted(quiet: bool, stream: TextIO) -> bool:
    """Draw progress only for a person: not with --quiet, not in CI, not into a pipe or file."""
    if quiet or os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr

    @classmethod
    def for_terminal(cls, quiet: bool = False, stream: TextIO | None = None) -> Progress:
        stream = stream or sys.stderr
        return cls(wanted(quiet, stream), stream)

    @contextmanager
    def stage(self, label: str, total: int | None = None, unit: str = "") -> Iterator[Advance]:
        """One step of the work: a bar when its size is known, a counter when it is not. The
        label and unit are fixed English words from the code, never text from the handbook."""
        if not self.enabled:
            yield _nothing
            return
        from tqdm import tqdm  # imported only when something is drawn

        size = shutil.get_terminal_size((80, 24))
        with tqdm(
            total=total,
            desc=label,
            unit=f" {unit}" if unit else "it",
            file=self.stream,
            leave=True,
            # A terminal that reports no size (0 x 0, e.g. a fresh pty) would get an empty line.
            ncols=min(100, size.columns),
            nrows=size.lines,
            bar_format=None if total else "{desc}: {n_fmt}{unit} [{elapsed}]",
        ) as bar:

            def advance(n: int = 1) -> None:
                bar.update(n)

            yield advance


QUIET = Progress(False)


# The site builder's pages are counted by an mkdocs hook running in the same process; the build
# points this at its current stage while mkdocs runs (see site/progress_hook.py).
_page_built: list[Advance] = [_nothing]


@contextmanager
def counting_pages(advance: Advance) -> Iterator[None]:
    _page_built.append(advance)
    try:
        yield
    finally:
        _page_built.pop()


def page_built() -> None:
    _page_built[-1](1)
