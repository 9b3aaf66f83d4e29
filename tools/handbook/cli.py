"""The `handbook` command: a thin door over the pipeline. Exit codes: 0 clean, 1 problems,
2 usage error, 3 internal error (details written to a log file, never a traceback)."""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from . import __version__
from .check import check
from .errors import OutputError, SiteBuildError, UsageError
from .report import REPORTERS, summary_line, text_report
from .ruleset import RULES
from .terminal import printable

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
PUBLIC_SITE, INTERNAL_SITE = "site", "site-internal"  # default output folders of `build`


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port; write a number from 1 to 65535")
    return int(text)


def _code(text: str) -> str:
    if not text.isascii() or not text.isdigit() or len(text) > 4:
        raise argparse.ArgumentTypeError(f"'{text}' is not a municipality code; write its number, e.g. 825 for Læsø")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Check and publish the K-PRO quality handbook.")
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="validate the handbook and report every problem")
    chk.add_argument("path", nargs="?", default=".", type=Path, help="repository root (default: .)")
    chk.add_argument("--format", choices=sorted(REPORTERS), default="text")
    chk.add_argument("--strict", action="store_true", help="treat warnings as failures")
    chk.add_argument("--today", type=_date, help="date for review rules (default: settings or today)")
    sub.add_parser("rules", help="list every rule id with its default severity")
    bld = sub.add_parser("build", help="check, then build the static site (fails closed)")
    bld.add_argument("path", nargs="?", default=".", type=Path, help="repository root (default: .)")
    bld.add_argument(
        "--out", type=Path, help="output folder, replaced atomically (default: PATH/site, or PATH/site-internal)"
    )
    bld.add_argument(
        "--internal", action="store_true", help="the complete site with internal documents, marked internal"
    )
    bld.add_argument("--pdf", action="store_true", help="also make the PDFs and spreadsheets (a release always does)")
    bld.add_argument("--today", type=_date, help="date for review rules (default: settings or today)")
    bld.add_argument("--strict", action="store_true", help="treat warnings as failures")
    bld.add_argument("--quiet", action="store_true", help="no progress display (it is shown only on a terminal)")
    srv = sub.add_parser("serve", help="live preview on 127.0.0.1 that rebuilds when the YAML changes")
    srv.add_argument("path", nargs="?", default=".", type=Path, help="repository root (default: .)")
    srv.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000)")
    srv.add_argument("--today", type=_date, help="date for review rules (default: settings or today)")
    srv.add_argument("--internal", action="store_true", help="preview the internal site instead of the public one")
    _edition_commands(sub)
    return parser


def _edition_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def with_path(name: str, text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--path", default=".", type=Path, help="repository root (default: .)")
        cmd.add_argument("--today", type=_date, help="the date (default: settings or today)")
        return cmd

    st = with_path("status", "what needs attention: reviews, drafts, changes, gaps, suspect links, releasability")
    st.add_argument("--format", choices=("text", "json"), default="text")
    df = with_path("diff", "what changed between two editions, tags or commits (B default: the work tree)")
    df.add_argument("old", help="edition (e.g. 2026.1), tag or commit")
    df.add_argument("new", nargs="?", default="", help="edition, tag or commit (default: the work tree)")
    df.add_argument("--format", choices=("text", "json"), default="text")
    rel = with_path("release", "release an edition: tag, build and add it to the archive under editions/")
    rel.add_argument("edition", help="the edition's name, YYYY.N, newer than the last one")
    rel.add_argument("--quiet", action="store_true", help="no progress display (it is shown only on a terminal)")
    ver = with_path("verify", "check a pack (FILE.zip) or, with --archive, the archive of released editions")
    ver.add_argument("pack", nargs="?", type=Path, help="a pack made by handbook export")
    ver.add_argument("--archive", action="store_true", help="every edition against its manifest and tag")
    ver.add_argument("--sha256", help="the pack manifest's SHA-256 as export printed it or the Udgaver page shows it")
    exp = sub.add_parser("export", help="take an edition away as one file: the auditor's pack")
    kinds = exp.add_subparsers(dest="export", required=True)
    pack = kinds.add_parser("pack", help="an archived edition's offline site, PDFs, spreadsheets and manifest as a zip")
    pack.add_argument("edition", help="a released edition, e.g. 2026.1")
    pack.add_argument("--out", type=Path, required=True, help="the zip file to write (replaced atomically)")
    pack.add_argument("--path", default=".", type=Path, help="repository root (default: .)")
    one = kinds.add_parser("municipality", help="one municipality's checklist, declaration, inspection folder and local annex")
    one.add_argument("code", type=_code, help="the municipality code, e.g. 825 for Læsø")
    one.add_argument("--edition", help="a released edition (default: the current one)")
    one.add_argument("--out", type=Path, required=True, help="the zip file to write (replaced atomically)")
    one.add_argument("--path", default=".", type=Path, help="repository root (default: .)")
    pub = with_path("publish", "assemble the web host's folder from the archive")
    pub.add_argument("--out", type=Path, required=True, help="output folder, replaced atomically")
    wd = with_path("withdraw", "mark a released edition withdrawn (its archived files stay untouched)")
    wd.add_argument("edition")
    wd.add_argument("--reason", required=True, help="why, shown on the Udgaver page and in the banner")
    rv = with_path("review", "record that a conformity entry (or a matrix's entries) has been re-assessed")
    rv.add_argument("id", help="a requirement id (its entry) or a matrix id (all its entries)")
    new = with_path("new", "write a new document skeleton (status draft) with the next free id")
    new.add_argument("kind", help="document kind, e.g. procedure or risk")
    new.add_argument("title", help="the document's Danish title")
    _report_commands(sub)


def _report_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rep = sub.add_parser("report", help="generated reports: the conformity report, the steering group's status report")
    kinds = rep.add_subparsers(dest="report", required=True)

    def common(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--format", choices=("html", "pdf", "json"), default="html")
        cmd.add_argument("--out", type=Path, help="the file to write (replaced atomically); PDF needs it")
        cmd.add_argument("--internal", action="store_true", help="include internal documents; the report says so")
        cmd.add_argument("--path", default=".", type=Path, help="repository root (default: .)")
        cmd.add_argument("--today", type=_date, help="the date (default: settings or today)")

    con = kinds.add_parser("conformity", help="how the handbook meets MDR Art. 5(5), requirement by requirement")
    con.add_argument("--edition", default="", help="an edition, tag, commit or date (default: the work tree)")
    common(con)
    st = kinds.add_parser("status", help="the steering group's status report: what changed since REF, what is due")
    st.add_argument("--since", required=True, help="an edition, tag, commit or date YYYY-MM-DD")
    st.add_argument("--next-meeting", type=_date, help="list reviews due up to this date (default: the warning days)")
    common(st)


def cmd_check(args: argparse.Namespace) -> int:
    result = check(args.path, args.today)
    sys.stdout.write(REPORTERS[args.format](result, args.strict))
    return EXIT_PROBLEMS if result.failed(args.strict) else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    for rule in RULES.values():
        print(f"{rule.id:26} {rule.severity.value:8} {rule.summary}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    # Imported here so `handbook check` never pays for loading the site builder.
    from .progress import Progress
    from .site.build import build_site, mkdocs_warnings_to

    progress = Progress.for_terminal(quiet=args.quiet)
    with progress.stage("checking the handbook"):
        result = check(args.path, args.today)
    if result.failed(args.strict):
        sys.stdout.write(text_report(result, args.strict))
        return EXIT_PROBLEMS
    default = INTERNAL_SITE if args.internal else PUBLIC_SITE
    out = args.out if args.out is not None else result.root / default
    try:
        with mkdocs_warnings_to(sys.stderr):
            outcome = build_site(result, out, internal=args.internal, exports=args.pdf, progress=progress)
    except SiteBuildError as exc:
        print(f"handbook: the site was not built: {printable(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(summary_line(result))
    print(f"built {outcome.pages} pages into {outcome.out} ({printable(outcome.edition.id.text)})")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from .editions import status

    found = status.status(check(args.path, args.today))
    sys.stdout.write(status.text_report(found) if args.format == "text" else status.json_report(found))
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from .editions import diff

    root = _root(args.path)
    found = _edition_step(lambda: diff.diff(root, args.old, args.new))
    if found is None:
        return EXIT_PROBLEMS
    sys.stdout.write(diff.text_report(found) if args.format == "text" else diff.json_report(found))
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    from .editions.release import release
    from .progress import Progress

    progress = Progress.for_terminal(quiet=args.quiet)
    with progress.stage("checking the handbook"):
        result = check(args.path, args.today)
    released = _edition_step(lambda: release(result, args.edition, progress))
    if released is None:
        return EXIT_PROBLEMS
    print(f"released edition {released.edition}: {released.files} files in editions/{released.edition}/, ", end="")
    print(f"commit {released.commit[:7]}, tag edition/{released.edition}, manifest SHA-256 {released.manifest_sha256}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from .editions.archive import archived
    from .editions.release import verify_archive

    if args.pack is not None:
        return _verify_pack(args)
    if not args.archive:
        raise UsageError("name a pack to verify (handbook verify FILE.zip) or give --archive")
    root = _root(args.path)
    keys = check(root, args.today, history=False).handbook.settings.trusted_keys
    problems = verify_archive(root, keys)
    for problem in problems:
        print(f"handbook verify: {problem}", file=sys.stderr)
    print(f"{len(archived(root))} editions, {len(problems)} problems")
    return EXIT_PROBLEMS if problems else EXIT_OK


def _verify_pack(args: argparse.Namespace) -> int:
    from .constants import QMS_DIR
    from .exports.packs import verify_pack

    if not args.pack.is_file():
        raise UsageError(f"{args.pack}: no such file")
    root = args.path.resolve() if (args.path / QMS_DIR).is_dir() else None
    verdict = verify_pack(args.pack, root, args.sha256)
    for problem in verdict.problems:
        print(f"handbook verify: {printable(problem)}", file=sys.stderr)
    state = "intact" if not verdict.problems else f"{len(verdict.problems)} problems"
    print(f"{args.pack}: edition {printable(verdict.edition) or '?'}, {verdict.files} files, {state}")
    if verdict.checked_against and not verdict.problems:
        print(f"manifest SHA-256 {verdict.manifest_sha256} matches {verdict.checked_against}")
    return EXIT_PROBLEMS if verdict.problems else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .exports.output import write_export
    from .exports.packs import edition_pack, municipality_pack

    root = _root(args.path)
    if args.export == "pack":
        made = _edition_step(lambda: edition_pack(root, args.edition))
    else:
        made = _edition_step(lambda: municipality_pack(root, args.code, args.edition))
    if made is None:
        return EXIT_PROBLEMS
    if _edition_step(lambda: write_export(root, args.out, made.data)) is None:
        return EXIT_PROBLEMS
    print(f"wrote {args.out}: edition {made.edition}, {made.files} files, {len(made.data) / 1e6:.1f} MB")
    print(f"manifest SHA-256 {made.manifest_sha256} (check with: handbook verify {args.out} --sha256 {made.manifest_sha256})")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from .editions.publish import publish

    root = _root(args.path)
    title = check(root, args.today, history=False).handbook.settings.title
    names = _edition_step(lambda: publish(root, args.out, title))
    if names is None:
        return EXIT_PROBLEMS
    print(f"published {len(names)} editions into {args.out.resolve()} (current: {names[0]})")
    return EXIT_OK


def cmd_withdraw(args: argparse.Namespace) -> int:
    from .editions.release import withdraw

    root = _root(args.path)
    today = args.today or date.today()
    if _edition_step(lambda: withdraw(root, args.edition, args.reason, today)) is None:
        return EXIT_PROBLEMS
    print(f"edition {args.edition} is withdrawn; run handbook publish to show it")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from .authoring import review

    changed = _edition_step(lambda: review(check(args.path, args.today), args.id))
    if changed is None:
        return EXIT_PROBLEMS
    print(f"re-assessed: {', '.join(changed)}" if changed else f"{args.id}: nothing to update, the marks are current")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from .authoring import new_document

    made = _edition_step(lambda: new_document(check(args.path, args.today), args.kind, args.title))
    if made is None:
        return EXIT_PROBLEMS
    print(f"wrote {made} (status draft); fill it in, then run handbook check")
    return EXIT_OK


T = TypeVar("T")


def _edition_step(step: Callable[[], T]) -> T | None:
    """Run a command's step; a refusal is printed (exit 1), never raised as a traceback."""
    from .authoring import AuthoringError
    from .editions.archive import EditionError
    from .history.gitlog import GitUnavailable

    try:
        return step()
    except (EditionError, AuthoringError, GitUnavailable) as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return None


def _root(path: Path) -> Path:
    from .constants import QMS_DIR

    if not (path / QMS_DIR).is_dir():
        raise UsageError(f"{path} is not a handbook repository: it has no {QMS_DIR}/ folder")
    return path.resolve()


def cmd_report(args: argparse.Namespace) -> int:
    from .exports.output import write_export
    from .reports import command

    if args.format == "pdf" and args.out is None:
        raise UsageError("a PDF needs a file: give --out FILE.pdf")
    root = _root(args.path)
    if args.report == "conformity":
        data = _edition_step(lambda: command.conformity_bytes(root, args.edition, args.format, args.internal, args.today))
    else:
        data = _edition_step(
            lambda: command.status_bytes(root, args.since, args.next_meeting, args.format, args.internal, args.today)
        )
    if data is None:
        return EXIT_PROBLEMS
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    if _edition_step(lambda: write_export(root, args.out, data)) is None:
        return EXIT_PROBLEMS
    print(f"wrote {args.out} ({args.format}, {len(data) / 1e3:.0f} kB)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve

    return serve(args.path, args.port, args.today, args.internal)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "rules": cmd_rules,
    "build": cmd_build,
    "serve": cmd_serve,
    "status": cmd_status,
    "diff": cmd_diff,
    "release": cmd_release,
    "verify": cmd_verify,
    "export": cmd_export,
    "publish": cmd_publish,
    "withdraw": cmd_withdraw,
    "review": cmd_review,
    "new": cmd_new,
    "report": cmd_report,
}


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwind like Ctrl+C does, so temporary folders are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return COMMANDS[args.command](args)
    except (UsageError, OutputError, SiteBuildError) as exc:
        print(f"handbook: error: {printable(exc)}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the environment, not the handbook: disk full, permissions, a busy port
        print(f"handbook: error: {describe_os_error(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except Terminated as exc:
        return 128 + exc.signum
    except Exception:
        return _internal_error()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


_OS_HINTS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "no permission",
    errno.EPERM: "not permitted",
    errno.EADDRINUSE: "the port is in use; choose another with --port",
    errno.EADDRNOTAVAIL: "the address is not available on this machine",
}


def describe_os_error(exc: OSError) -> str:
    """One line: what the system refused and where, in words a maintainer can act on."""
    what = _OS_HINTS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    where = f": {printable(exc.filename)}" if exc.filename else ""
    return f"{what}{where}"


def _internal_error() -> int:
    with tempfile.NamedTemporaryFile("w", prefix="handbook-crash-", suffix=".log", delete=False) as log:
        traceback.print_exc(file=log)
    print(
        f"handbook: internal error (a bug, not a problem in your files); details written to {log.name}", file=sys.stderr
    )
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
