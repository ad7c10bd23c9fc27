"""Where generation spends its time: the steps of `curriculum export`, timed one by one.

Run in its own process by bench/run.py: `python bench/stages.py ROOT TARGET`; prints
one JSON object with the wall-clock and CPU seconds of each step.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


class Clock:
    """Wall-clock and CPU time since the last lap; CPU time barely moves when the machine is busy."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.times[f"{name}_s"] = round(wall - self._wall, 3)
        self.times[f"{name}_cpu_s"] = round(cpu - self._cpu, 3)
        self._wall, self._cpu = wall, cpu


def main(root: Path, target: Path) -> dict[str, float | int]:
    clock = Clock()
    from generator.generate import build_files, write_tree
    from generator.mkdocs_config import dump_config, site_config
    from generator.pages import RenderOptions
    from generator.validate import load_and_validate

    clock.lap("import")
    result = load_and_validate(root)
    assert result.curriculum is not None and not result.failed(), result.problems[:3]
    clock.lap("load_validate")
    files = build_files(root, result.curriculum, RenderOptions(with_pdfs=False, with_zip=False))
    clock.lap("render")
    write_tree(files, target / "docs")
    config = site_config(root, result.curriculum, target / "docs", target / "site")
    (target / "mkdocs.yml").write_text(dump_config(config), encoding="utf-8")
    clock.lap("write")
    return {**clock.times, "pages": sum(1 for name in files if name.endswith(".md"))}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
