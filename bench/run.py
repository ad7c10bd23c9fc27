"""Benchmark: how generation, MkDocs and the PDFs scale with the size of the curriculum.

    .venv/bin/python bench/run.py                 # 10, 100 and 1,000 sessions, 3 runs each
    .venv/bin/python bench/run.py --quick         # 10 and 100 sessions, 1 run, no PDFs
    .venv/bin/python bench/run.py --sizes 100,1000 --runs 5

Everything runs in temporary folders, each step in its own process. Results go to
bench/results/latest.json; a full run also rewrites bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml
from machine import load_average, machine
from measure import Measurement, count_files, folder_mb, run_measured, summarize
from report import STEPS, markdown, targets
from serve_refresh import serve_section, write_section
from synth import REPO, make_curriculum

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CURRICULUM = BIN / "curriculum"
MKDOCS = BIN / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # keeps MkDocs' notice about its successor out of the logs
PDF_COUNTS = re.compile(r"(\d+) PDFs rendered, (\d+) from cache")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def checked(measurement: Measurement, what: str) -> Measurement:
    if measurement.returncode != 0 and not measurement.timed_out:
        raise SystemExit(
            f"{what} failed (exit {measurement.returncode}):\n{measurement.stdout}\n{measurement.stderr[-3000:]}"
        )
    return measurement


@dataclass(frozen=True)
class Step:
    """One command to time; `before` is removed before each run so every run starts clean."""

    name: str
    command: list[Any]
    before: Path | None = None


MAX_LOAD: float | None = None  # --max-load: wait for a quieter machine before each round
MAX_WAIT_S = 900.0


def wait_for_quiet() -> None:
    """On a shared machine, wait (MAX_WAIT_S at most) until the 1-minute load drops below MAX_LOAD."""
    if MAX_LOAD is None:
        return
    deadline = time.monotonic() + MAX_WAIT_S
    while os.getloadavg()[0] > MAX_LOAD and time.monotonic() < deadline:
        log(f"  waiting: load {os.getloadavg()[0]:.1f} is above {MAX_LOAD:g}")
        time.sleep(30)


def rounds(steps: list[Step], runs: int) -> dict[str, dict[str, Any]]:
    """Each step once per round, `runs` rounds: other load on the machine then falls on all alike."""
    measured: dict[str, list[Measurement]] = {step.name: [] for step in steps}
    for _ in range(runs):
        wait_for_quiet()
        for step in steps:
            if step.before is not None:
                shutil.rmtree(step.before, ignore_errors=True)
            measured[step.name].append(checked(run_measured(step.command, env=ENV), step.name))
    out = {}
    for name, results in measured.items():
        summary = out[name] = asdict(summarize(results))
        log(
            f"  {name}: median {summary['median_s']:.2f} s (CPU {summary['median_cpu_s']:.2f} s), "
            f"peak {summary['peak_mb']:.0f} MB"
        )
    return out


def all_pages_config(export: Path) -> Path:
    """The exported mkdocs.yml without `nav`: MkDocs then lists every page, as by default."""
    config = yaml.safe_load((export / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav", None)
    config.pop("not_in_nav", None)
    config["site_dir"] = "site-all-pages"
    path = export / "mkdocs-all-pages.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def nav_trap(size: dict[str, Any], export: Path, timeout: float) -> dict[str, Any]:
    """One build with every page in the navigation, against the generated navigation."""
    log(f"  navigation with every page ({size['pages']} pages, time limit {timeout:.0f} s)")
    config = all_pages_config(export)
    wait_for_quiet()
    run = checked(run_measured([MKDOCS, "build", "-q", "-f", config], timeout=timeout, env=ENV), "mkdocs (every page)")
    site = export / "site-all-pages"
    all_pages = {
        "seconds": round(run.seconds, 2),
        "peak_mb": round(run.peak_mb, 1),
        "timed_out": run.timed_out,
        "site_mb": None if run.timed_out else folder_mb(site),
    }
    log(f"  every page: {run.seconds:.1f} s{' (time limit)' if run.timed_out else ''}, {all_pages['site_mb']} MB")
    shutil.rmtree(site, ignore_errors=True)
    generated = {
        "seconds": size["steps"]["mkdocs"]["median_s"],
        "peak_mb": size["steps"]["mkdocs"]["peak_mb"],
        "timed_out": False,
        "site_mb": size["site_mb"],
    }
    return {
        "sessions": size["sessions"],
        "pages": size["pages"],
        "all_pages": all_pages,
        "generated": generated,
    }


def bench_size(sessions: int, runs: int, work: Path) -> tuple[dict[str, Any], Path]:
    log(f"{sessions} sessions")
    folder = work / f"n{sessions}"
    root = make_curriculum(sessions, folder / "project")
    checked(
        run_measured([CURRICULUM, "validate", "--root", root]),
        f"curriculum validate ({sessions} sessions)",
    )
    export, site = folder / "export", folder / "site"
    steps = rounds(
        [
            Step("validate", [CURRICULUM, "validate", "--root", root]),
            Step("generate", [CURRICULUM, "export", export, "--root", root], before=export),
            Step("build", [CURRICULUM, "build", "--root", root, "--site-dir", site, "--no-pdf", "--quiet"], site),
            Step("mkdocs", [MKDOCS, "build", "-q", "-f", export / "mkdocs.yml"], before=export / "site"),
        ],
        runs,
    )
    wait_for_quiet()
    stages_run = checked(run_measured([sys.executable, BENCH / "stages.py", root, folder / "stages"]), "stages")
    stages = json.loads(stages_run.stdout)
    result = {
        "sessions": sessions,
        "pages": count_files(export / "docs", ".md"),
        "steps": steps,
        "generate_share": round(steps["generate"]["median_s"] / steps["mkdocs"]["median_s"], 4),
        "generate_share_cpu": round(steps["generate"]["median_cpu_s"] / steps["mkdocs"]["median_cpu_s"], 4),
        "site_mb": folder_mb(export / "site"),
        "html_pages": count_files(export / "site", ".html"),
        "stages": stages,
    }
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(folder / "stages", ignore_errors=True)
    return result, export


def growth(sizes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """1,000 against 100 sessions (or the two largest sizes measured)."""
    by_count = {s["sessions"]: s for s in sizes}
    if 100 in by_count and 1000 in by_count:
        small, large = by_count[100], by_count[1000]
    elif len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
    else:
        return None
    steps = {}
    for name in STEPS:
        small_step, large_step = small["steps"][name], large["steps"][name]
        steps[name] = {
            "small_s": small_step["median_s"],
            "large_s": large_step["median_s"],
            "ratio": round(large_step["median_s"] / small_step["median_s"], 2),
            "ratio_cpu": round(large_step["median_cpu_s"] / small_step["median_cpu_s"], 2),
        }
    return {"small": small["sessions"], "large": large["sessions"], "steps": steps}


def shipped_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copytree(REPO / "curriculum", folder / "curriculum")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def pdf_builds(work: Path, timeout: float) -> dict[str, Any]:
    """The shipped curriculum with PDFs: once with an empty cache, then again with no change."""
    root = shipped_project(work / "pdf")
    out: dict[str, Any] = {}
    for key in ("first", "rebuild"):
        wait_for_quiet()
        run = checked(
            run_measured([CURRICULUM, "build", "--root", root, "--quiet"], timeout=timeout, env=ENV),
            f"curriculum build ({key})",
        )
        if run.timed_out:
            raise SystemExit(f"curriculum build with PDFs ({key}) took longer than {timeout:.0f} s")
        counts = PDF_COUNTS.search(run.stdout)
        if counts is None:
            raise SystemExit(f"no PDF count in the build's output:\n{run.stdout}")
        out[key] = {
            "seconds": round(run.seconds, 2),
            "peak_mb": round(run.peak_mb, 1),
            "rendered": int(counts.group(1)),
            "cached": int(counts.group(2)),
        }
        log(f"  PDFs, {key}: {run.seconds:.1f} s, {counts.group(0)}")
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000", help="session counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each step; the median is reported")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10 and 100 sessions, 1 run, no PDFs, "
        "every-page navigation at 100 only; does not rewrite bench/RESULTS.md",
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF builds")
    parser.add_argument("--no-nav-trap", action="store_true", help="skip the every-page navigation builds")
    parser.add_argument("--nav-sizes", default="100,1000", help="sizes at which to build with every page in the nav")
    parser.add_argument("--nav-timeout", type=float, default=900, help="time limit of one every-page build, s")
    parser.add_argument("--json", type=Path, default=BENCH / "results" / "latest.json")
    parser.add_argument(
        "--markdown",
        type=Path,
        default=None,
        help="where to write the Markdown report (default: bench/RESULTS.md, not with --quick)",
    )
    parser.add_argument(
        "--max-load",
        type=float,
        default=None,
        help="before each round, wait until the 1-minute load average is below this",
    )
    parser.add_argument("--max-wait", type=float, default=900, help="longest wait for --max-load, s")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders and print where")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.no_pdf, args.nav_sizes = "10,100", 1, True, "100"
    elif args.markdown is None:
        args.markdown = BENCH / "RESULTS.md"
    return args


def main(argv: list[str] | None = None) -> int:
    global MAX_LOAD, MAX_WAIT_S
    args = parse_args(argv)
    MAX_LOAD, MAX_WAIT_S = args.max_load, args.max_wait
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    nav_sizes = {int(s) for s in args.nav_sizes.split(",") if s.strip()}
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    work = Path(tempfile.mkdtemp(prefix="curriculum-bench-"))
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "command": command.strip(),
        "runs": args.runs,
        "machine": {**machine(), "load_start": load_average()},
        "sizes": [],
        "nav": [],
    }
    try:
        log("shipped curriculum: validate")
        shipped = Step("validate (shipped)", [CURRICULUM, "validate", "--root", REPO])
        results["shipped_validate"] = rounds([shipped], max(args.runs, 3))[shipped.name]
        for sessions in sizes:
            size, export = bench_size(sessions, args.runs, work)
            results["sizes"].append(size)
            if not args.no_nav_trap and sessions in nav_sizes:
                results["nav"].append(nav_trap(size, export, args.nav_timeout))
            if not args.keep:
                shutil.rmtree(work / f"n{sessions}", ignore_errors=True)
        results["growth"] = growth(results["sizes"])
        if not args.no_pdf:
            log("shipped curriculum: build with PDFs")
            results["pdf"] = pdf_builds(work, args.nav_timeout)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_end"] = load_average()
    results["targets"] = targets(results)
    report = markdown(results)
    print(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {args.json}")
    if args.markdown:
        before = args.markdown.read_text(encoding="utf-8") if args.markdown.is_file() else ""
        args.markdown.write_text(report, encoding="utf-8")
        if kept := serve_section(before):  # measured by bench/serve_refresh.py, not here
            write_section(kept.rstrip("\n"), args.markdown)
        log(f"wrote {args.markdown}")
    return 0 if all(t["met"] for t in results["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
