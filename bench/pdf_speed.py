"""What a PDF costs: one handout, the whole shipped set, and WeasyPrint's own floor.

    .venv/bin/python bench/pdf_speed.py              # about 5 minutes on 2 idle cores
    .venv/bin/python bench/pdf_speed.py --no-set     # leave out the whole set (under a minute)

The shipped curriculum is copied to a temporary folder and built once without PDFs. Then,
each in a fresh process and with an empty PDF cache:

- **one-page handouts**: the first handout (the process also imports WeasyPrint, parses the
  print stylesheet and loads the fonts) and the median of the next ones, rendered as
  `curriculum build` renders them; beside them the same handouts rendered the way they
  were before the stylesheet was parsed once per process (a full document with its
  stylesheet inline, fonts loaded again for each);
- **WeasyPrint's floor**: a trivial one-page document (`<p>Hello</p>`), first and median;
- **the whole shipped set**: every PDF of `curriculum build`, on all cores.

Wall-clock and CPU seconds are printed for each; CPU time moves less when others share the
machine. Prints one JSON object last, for keeping.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _lap(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return round(wall - start[0], 3), round(cpu - start[1], 3)


def _prepare(folder: Path) -> Path:
    """A copy of the shipped project, built without PDFs."""
    from generator.build import build_site

    root = folder / "project"
    shutil.copytree(REPO / "curriculum", root / "curriculum")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    build_site(root, with_pdfs=False)
    return root


def _jobs(root: Path) -> list[tuple[str, str]]:
    """(target, document) of every PDF, as render_all_pdfs plans them."""
    from generator import fonts, pdf
    from generator.validate import load_and_validate

    curriculum = load_and_validate(root).curriculum
    assert curriculum is not None
    css_dir = root / "site" / "assets" / "stylesheets"
    names = [n for n in ("curriculum.css", "pdf.css", "kit.css") if (css_dir / n).is_file()]
    css = fonts.for_pdf("\n".join((css_dir / n).read_text(encoding="utf-8") for n in names))
    jobs = pdf.plan_jobs(curriculum, root / "site", css, curriculum.program.page_size)
    return [(job.target, job.html) for job in jobs if not getattr(job, "parts", ())]


def _inner(kind: str, root: Path, count: int, out: Path) -> dict[str, object]:
    """Runs in a fresh process: render `count` documents one after another, timing each."""
    start = _clock()
    if kind == "trivial":
        import weasyprint

        documents = ["<!DOCTYPE html><html><body><p>Hello</p></body></html>"] * count

        def render(text: str, target: str) -> int:
            document = weasyprint.HTML(string=text).render()
            document.write_pdf(target)
            return len(document.pages)
    else:
        from generator import pdf

        documents = [
            html
            for target, html in _jobs(root)
            if target.startswith("pdf/handouts/") and not target.endswith("-large-print.pdf")
        ][:count]
        if kind == "handout":
            render = pdf._render
        else:  # "before": the whole document parsed each time, fonts loaded for each
            import weasyprint

            def render(text: str, target: str) -> int:
                document = weasyprint.HTML(string=text, url_fetcher=pdf._local_only_fetcher()).render()
                document.write_pdf(target)
                return len(document.pages)

    prepared = _lap(start)
    times, pages = [], []
    for number, text in enumerate(documents):
        start = _clock()
        pages.append(render(text, str(out / f"{kind}-{number}.pdf")))
        times.append(_lap(start))
    rest = times[1:] or times
    return {
        "documents": len(documents),
        "pages": pages,
        "prepare_s": prepared[0],
        "first_s": times[0][0],
        "first_cpu_s": times[0][1],
        "median_s": round(statistics.median(t[0] for t in rest), 3),
        "median_cpu_s": round(statistics.median(t[1] for t in rest), 3),
    }


def _in_fresh_process(kind: str, root: Path, count: int, out: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, "--inner", kind, str(root), str(count), str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _whole_set(root: Path) -> dict[str, object]:
    """Every PDF of the shipped curriculum on an empty cache, as `curriculum build` renders them."""
    code = (
        "import json,sys,time,resource;from pathlib import Path;"
        "from generator.pdf import render_all_pdfs;from generator.validate import load_and_validate;"
        "root=Path(sys.argv[1]);c=load_and_validate(root).curriculum;t=time.perf_counter();"
        "s=render_all_pdfs(c,root/'site',root/'.cache'/'bench-pdf',page_size=c.program.page_size);"
        "w=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "me=resource.getrusage(resource.RUSAGE_SELF);"
        "print(json.dumps({'wall_s':round(w,1),'cpu_s':round(u.ru_utime+u.ru_stime+me.ru_utime+me.ru_stime,1),"
        "'rendered':s.rendered,'cached':s.cached,'pages':sum(s.page_counts.values())}))"
    )
    shutil.rmtree(root / ".cache" / "bench-pdf", ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--handouts", type=int, default=12, help="one-page handouts to time (default 12)")
    parser.add_argument("--no-set", action="store_true", help="leave out the whole shipped set")
    parser.add_argument("--inner", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        kind, root, count, out = args.inner
        print(json.dumps(_inner(kind, Path(root), int(count), Path(out))))
        return 0
    with tempfile.TemporaryDirectory(prefix="pdf-speed-") as folder:
        start = _clock()
        root = _prepare(Path(folder))
        print(f"site built without PDFs in {_lap(start)[0]:.1f} s", file=sys.stderr)
        out = Path(folder) / "out"
        out.mkdir()
        results: dict[str, object] = {
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
            "handout": _in_fresh_process("handout", root, args.handouts, out),
            "handout_before": _in_fresh_process("before", root, args.handouts, out),
            "weasyprint_trivial": _in_fresh_process("trivial", root, args.handouts, out),
        }
        if not args.no_set:
            results["whole_set"] = _whole_set(root)
    rows = [
        ("one-page handout", results["handout"]),
        ("one-page handout, stylesheet parsed per document (before)", results["handout_before"]),
        ("WeasyPrint, trivial one-page document", results["weasyprint_trivial"]),
    ]
    print(f"{'':60} {'first s':>8} {'(CPU)':>7} {'next s':>7} {'(CPU)':>7}")
    for label, row in rows:
        assert isinstance(row, dict)
        print(
            f"{label:60} {row['first_s']:8.2f} {row['first_cpu_s']:7.2f} "
            f"{row['median_s']:7.3f} {row['median_cpu_s']:7.3f}"
        )
    if "whole_set" in results:
        whole = results["whole_set"]
        assert isinstance(whole, dict)
        print(
            f"whole shipped set, empty cache: {whole['rendered']} PDFs rendered ({whole['pages']} pages) in "
            f"{whole['wall_s']} s on {os.cpu_count()} cores, {whole['cpu_s']} s CPU"
        )
    print(f"load average at the start: {results['load_average']}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
