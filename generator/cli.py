"""The `curriculum` command: translates arguments to core calls and errors to messages."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import __version__
from .errors import CurriculumError, InvalidCurriculum, Problem, Severity

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _shown(problems: Sequence[Problem], strict: bool) -> list[Problem]:
    """Under --strict a warning is an error, and is printed and counted as one."""
    if not strict:
        return list(problems)
    return [
        replace(p, severity=Severity.ERROR, message=f"{p.message} [--strict]") if p.severity is Severity.WARNING else p
        for p in problems
    ]


def _print_problems(problems: Sequence[Problem], strict: bool = False) -> None:
    for problem in _shown(problems, strict):
        print(problem, file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(problems: Sequence[Problem], strict: bool = False) -> str:
    shown = _shown(problems, strict)
    errors = sum(p.severity is Severity.ERROR for p in shown)
    return f"{_plural(errors, 'error')}, {_plural(len(shown) - errors, 'warning')}"


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    start = time.monotonic()

    def report(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    return report


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import load_and_validate

    result = load_and_validate(args.root)
    _print_problems(result.problems, args.strict)
    failed = result.failed(args.strict)
    sessions = len(result.curriculum.sessions) if result.curriculum else 0
    verdict = "invalid" if failed else f"valid: {_plural(sessions, 'session')}"
    print(f"{verdict}; {_summary(result.problems, args.strict)}")
    return EXIT_INVALID if failed else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    # Not resolved: a symlinked --site-dir must be seen as the link it is, and refused.
    site_dir = args.site_dir if args.site_dir is None else Path(os.path.abspath(args.site_dir))
    report = build_site(
        args.root,
        site_dir,
        strict=args.strict,
        with_pdfs=not args.no_pdf,
        page_size=args.page_size,
        engine=args.engine,
        progress=_progress(args.quiet),
    )
    _print_problems(report.problems)
    for warning in report.mkdocs_warnings:
        print(f"{args.engine}: warning: {warning}", file=sys.stderr)
    pdfs = "" if args.no_pdf else f", {report.pdfs_rendered} PDFs rendered, {report.pdfs_cached} from cache"
    print(f"Built {report.pages} pages into {report.site_dir}{pdfs}; {_summary(report.problems)}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.root, host=args.host, port=args.port)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .build import export_tree

    pages = export_tree(args.root, args.directory)
    print(
        f"Wrote {pages} pages to {args.directory}/docs and {args.directory}/mkdocs.yml; "
        f"build them with `mkdocs build -f {args.directory}/mkdocs.yml` or another engine"
    )
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from .new import new_module, new_session

    if args.kind == "module":
        path = new_module(args.root, args.ids[0]) if len(args.ids) == 1 else None
    else:
        path = new_session(args.root, args.ids[0], args.ids[1]) if len(args.ids) == 2 else None
    if path is None:
        usage = "curriculum new module ID" if args.kind == "module" else "curriculum new session MODULE ID"
        print(f"usage: {usage}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {path.relative_to(args.root.resolve())}; edit it, then run `curriculum validate`")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema_docs import json_schema_text, write_schema_files

    if args.write:
        for path in write_schema_files(args.root):
            print(f"Wrote {path}")
        return EXIT_OK
    sys.stdout.write(json_schema_text(args.kind))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .validate import load_and_validate

    result = load_and_validate(args.root)
    if result.curriculum is None:
        _print_problems(result.problems)
        return EXIT_INVALID
    print(f"{'session':50} {'handout':>8} {'plan':>6}")
    for entry in result.curriculum.sessions:
        print(f"{entry.ref:50} {entry.grades.handout:8.1f} {entry.grades.lesson_plan:6.1f}")
    grades = [e.grades.handout for e in result.curriculum.sessions]
    if grades:
        print(f"average handout grade {sum(grades) / len(grades):.1f}, highest {max(grades):.1f}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="curriculum", description="Build the IOP group curriculum site from YAML.")
    main.add_argument("--version", action="version", version=f"curriculum {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="project folder (where mkdocs.yml is)")
    common.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser("validate", parents=[common], help="check every file; print every problem")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    build = sub.add_parser("build", parents=[common], help="validate, generate and build the site")
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--no-pdf", action="store_true", help="skip PDFs, for quick edits")
    build.add_argument("--page-size", choices=["letter", "a4"], default=None, help="PDF page size")
    build.add_argument("--quiet", action="store_true", help="no progress lines")
    build.add_argument(
        "--engine",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help="site engine: MkDocs with Material (default) or Zensical, its successor",
    )
    build.set_defaults(run=cmd_build)

    serve = sub.add_parser("serve", parents=[common], help="serve on localhost, rebuilding on change")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=cmd_serve)

    export = sub.add_parser("export", parents=[common], help="write the Markdown tree and an mkdocs.yml")
    export.add_argument("directory", type=Path)
    export.set_defaults(run=cmd_export)

    new = sub.add_parser("new", parents=[common], help="scaffold a module or a session")
    new.add_argument("kind", choices=["module", "session"])
    new.add_argument("ids", nargs="+", metavar="ID")
    new.set_defaults(run=cmd_new)

    schema = sub.add_parser("schema", parents=[common], help="print the JSON Schema")
    schema.add_argument("kind", nargs="?", default="session", choices=["session", "module", "program", "glossary"])
    schema.add_argument("--write", action="store_true", help="write all schemas to curriculum/_schema/")
    schema.set_defaults(run=cmd_schema)

    report = sub.add_parser("report", parents=[common], help="reading grade of every session")
    report.set_defaults(run=cmd_report)
    return main


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every `finally` cleans up the same way."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _stop_cleanly_on_sigterm() -> None:
    with contextlib.suppress(ValueError):  # not the main thread (e.g. a test runner's worker)
        signal.signal(signal.SIGTERM, _raise_terminated)


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin MkDocs 1.6; the notice is not for users
    args = parser().parse_args(argv)
    _stop_cleanly_on_sigterm()
    try:
        return int(args.run(args))
    except InvalidCurriculum as error:
        _print_problems(error.problems, getattr(args, "strict", False))
        print(f"Build stopped; the site was not changed. {_summary(error.problems, getattr(args, 'strict', False))}")
        return EXIT_INVALID
    except CurriculumError as error:
        located = re.match(r"^\S+:\d+:\d+: error: ", str(error))
        print(str(error) if located else f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt as stop:
        print("Stopped; the previous site is unchanged.", file=sys.stderr)
        return 143 if isinstance(stop, Terminated) else 130
    except Exception as error:  # no traceback reaches a user unless they ask for it
        if args.debug:
            traceback.print_exc()
        else:
            print(f"error: unexpected {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
