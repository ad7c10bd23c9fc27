"""Turn the benchmark's results into Markdown tables and a verdict on each target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

TARGET_SHARE = 0.15
TARGET_GROWTH = 12.0
TARGET_PEAK_MB = 1024.0
TARGET_VALIDATE_S = 1.0
STEPS = ("validate", "generate", "build", "mkdocs")


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|:---|" + "|".join("---:" for _ in header[1:]) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def scale_table(sizes: Sequence[dict[str, Any]]) -> str:
    header = [
        "sessions",
        "pages",
        "validate s",
        "generate s",
        "build --no-pdf s",
        "mkdocs build s",
        "generate / mkdocs (CPU)",
        "peak MB (validate / generate / build / mkdocs)",
        "site MB",
    ]
    rows = []
    for size in sizes:
        steps = size["steps"]
        peaks = " / ".join(f"{steps[name]['peak_mb']:.0f}" for name in STEPS)
        rows.append(
            [
                size["sessions"],
                size["pages"],
                _s(steps["validate"]["median_s"]),
                _s(steps["generate"]["median_s"]),
                _s(steps["build"]["median_s"]),
                _s(steps["mkdocs"]["median_s"]),
                f"{size['generate_share']:.0%} ({size['generate_share_cpu']:.0%})",
                peaks,
                size["site_mb"],
            ]
        )
    return _table(header, rows)


def stages_table(sizes: Sequence[dict[str, Any]]) -> str:
    header = ["sessions", "imports s", "load + validate s", "render s", "write s"]
    rows = [
        [
            s["sessions"],
            _s(s["stages"]["import_s"]),
            _s(s["stages"]["load_validate_s"]),
            _s(s["stages"]["render_s"]),
            _s(s["stages"]["write_s"]),
        ]
        for s in sizes
    ]
    return _table(header, rows)


def growth_table(growth: dict[str, Any]) -> str:
    header = [
        "step",
        f"{growth['small']} sessions s",
        f"{growth['large']} sessions s",
        "ratio",
        "ratio of CPU time",
    ]
    rows = [
        [name, _s(g["small_s"]), _s(g["large_s"]), f"{g['ratio']:.1f}x", f"{g['ratio_cpu']:.1f}x"]
        for name, g in growth["steps"].items()
    ]
    return _table(header, rows)


def nav_table(nav: Sequence[dict[str, Any]]) -> str:
    header = ["sessions", "pages", "navigation", "build s", "site MB", "KB per page"]
    rows = []
    for entry in nav:
        for label, key in (
            ("every page (before)", "all_pages"),
            ("generated (after)", "generated"),
        ):
            run = entry[key]
            time = f"> {run['seconds']:.0f} (stopped at the time limit)" if run["timed_out"] else _s(run["seconds"])
            per_page = "-" if run["site_mb"] is None else f"{run['site_mb'] * 1000 / entry['pages']:.0f}"
            rows.append(
                [
                    entry["sessions"],
                    entry["pages"],
                    label,
                    time,
                    "-" if run["site_mb"] is None else run["site_mb"],
                    per_page,
                ]
            )
    return _table(header, rows)


def pdf_table(pdf: dict[str, Any]) -> str:
    header = [
        "build of the shipped curriculum",
        "time s",
        "PDFs rendered",
        "PDFs from cache",
        "peak MB",
    ]
    rows = [
        [
            label,
            _s(pdf[key]["seconds"]),
            pdf[key]["rendered"],
            pdf[key]["cached"],
            f"{pdf[key]['peak_mb']:.0f}",
        ]
        for label, key in (
            ("first build (empty cache)", "first"),
            ("rebuild, no change", "rebuild"),
        )
    ]
    return _table(header, rows)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with the measured value and whether it is met."""
    out: list[dict[str, Any]] = []
    sizes = results["sizes"]
    if sizes:
        largest = sizes[-1]
        out.append(
            {
                "target": f"generation of {largest['sessions']} sessions <= 15% of MkDocs' build",
                "measured": f"{largest['generate_share']:.1%} (CPU time: {largest['generate_share_cpu']:.1%})",
                "met": largest["generate_share"] <= TARGET_SHARE,
            }
        )
        worst = max(largest["steps"][name]["peak_mb"] for name in STEPS)
        out.append(
            {
                "target": f"peak memory for {largest['sessions']} sessions < 1 GB",
                "measured": f"{worst:.0f} MB",
                "met": worst < TARGET_PEAK_MB,
            }
        )
    growth = results.get("growth")
    if growth:
        for name in ("generate", "build"):
            ratio = growth["steps"][name]["ratio"]
            out.append(
                {
                    "target": f"{name}: {growth['large']} sessions <= {TARGET_GROWTH:g}x the time of {growth['small']}",
                    "measured": f"{ratio:.1f}x (CPU time: {growth['steps'][name]['ratio_cpu']:.1f}x)",
                    "met": ratio <= TARGET_GROWTH,
                }
            )
    shipped = results.get("shipped_validate")
    if shipped:
        out.append(
            {
                "target": "`curriculum validate` of the shipped curriculum < 1 s",
                "measured": f"{shipped['median_s']:.2f} s (CPU time: {shipped['median_cpu_s']:.2f} s)",
                "met": shipped["median_s"] < TARGET_VALIDATE_S,
            }
        )
    pdf = results.get("pdf")
    if pdf:
        out.append(
            {
                "target": "a no-change PDF rebuild renders no PDF",
                "measured": f"{pdf['rebuild']['rendered']} rendered, {pdf['rebuild']['cached']} from cache",
                "met": pdf["rebuild"]["rendered"] == 0,
            }
        )
    return out


def targets_table(rows: Sequence[dict[str, Any]]) -> str:
    return _table(
        ["target", "measured", "met"],
        [[r["target"], r["measured"], "yes" if r["met"] else "**no**"] for r in rows],
    )


def machine_lines(machine: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"- CPU: {machine['cpu_model']}, {machine['cpus_usable']} usable cores (nproc)",
            f"- memory: {machine['memory_gb']} GB",
            f"- load average (1 / 5 / 15 min) at the start: {machine['load_start']}, "
            f"at the end: {machine.get('load_end', '-')}",
            f"- {machine['os']}, Python {machine['python']}, MkDocs {machine['mkdocs']}, "
            f"Material {machine['mkdocs_material']}, WeasyPrint {machine['weasyprint']}",
        ]
    )


def markdown(results: dict[str, Any]) -> str:
    """The whole report; the same text is printed and written to bench/RESULTS.md."""
    parts = [
        "# Benchmark results",
        "",
        f"Measured {results['date']} with `{results['command']}` "
        f"(median of {results['runs']} runs; peak memory is the largest resident set "
        "of one process).",
        "",
        machine_lines(results["machine"]),
        "",
    ]
    if results["sizes"]:
        parts += [
            "## Scale: synthetic curricula",
            "",
            scale_table(results["sizes"]),
            "",
            "Generation, step by step (one run, in-process):",
            "",
            stages_table(results["sizes"]),
            "",
        ]
    if results.get("growth"):
        parts += ["## Growth", "", growth_table(results["growth"]), ""]
    if results.get("nav"):
        parts += [
            "## Navigation: every page in the nav (before) against the generated nav (after)",
            "",
            "Before: the exported tree with `nav` removed, so MkDocs lists every page, as Material does by "
            "default. After: the generated navigation (top pages, the schedule, and each module, or only the "
            "list of modules past 20); sessions are reached from their module page, the schedule, search and "
            "previous/next links.",
            "",
            nav_table(results["nav"]),
            "",
        ]
    if results.get("pdf"):
        parts += ["## PDFs", "", pdf_table(results["pdf"]), ""]
    parts += ["## Targets", "", targets_table(results["targets"]), ""]
    return "\n".join(parts)
