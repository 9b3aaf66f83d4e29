"""The exceptions that end a command with a message instead of a report: the CLI prints them in
one line and exits with the code they carry. Anything else that escapes is a bug (exit 3)."""

from __future__ import annotations


class UsageError(Exception):
    """The command was pointed at something that is not a handbook, or used wrongly (exit 2)."""

    exit_code = 2


class OutputError(Exception):
    """An output could not be written or served (disk full, permissions, port in use, ...):
    a fault of the environment, not of the handbook and not a bug (exit 1)."""

    exit_code = 1


class SiteBuildError(Exception):
    """The site could not be built from the handbook as it stands (exit 1): the site builder
    refused the pages, or a hand-written page may not be published."""

    exit_code = 1
