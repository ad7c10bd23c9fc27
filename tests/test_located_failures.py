"""Every refusal is a located error, never "unexpected ...", and a seeded mutation fuzzer
holds the whole loader to that on random damage."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import build_file_tree, minimal_files

SESSION_FILE = "curriculum/coping/01-first-session.yaml"
LOCATED = re.compile(r"^\S+:\d+:\d+: (error|warning): ", re.MULTILINE)


def _run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = main([*args, "--root", str(root)])
    out = capsys.readouterr()
    return code, out.out + out.err


def _project(tmp_path: Path, edits: dict[str, tuple[str, str] | str]) -> Path:
    files = minimal_files()
    for name, edit in edits.items():
        if isinstance(edit, tuple):
            assert edit[0] in str(files[name]), edit
            files[name] = str(files[name]).replace(edit[0], edit[1], 1)
        else:
            files[name] = str(files.get(name, "")) + edit
    return build_file_tree(tmp_path, files)


CASES = {
    "int tag on text": (
        {SESSION_FILE: ("minutes_per_person: 2", "minutes_per_person: !!int two")},
        f"{SESSION_FILE}:",
        "!!int",
    ),
    "bool tag on text": (
        {SESSION_FILE: ("minutes_per_person: 2", "minutes_per_person: !!bool text")},
        f"{SESSION_FILE}:",
        "!!bool",
    ),
    "float tag on text": (
        {SESSION_FILE: ("minutes_per_person: 2", "minutes_per_person: !!float twelve")},
        f"{SESSION_FILE}:",
        "!!float",
    ),
    "NUL in the logo path": (
        {"curriculum/program.yaml": 'branding:\n  logo: "a\\0b.png"\n'},
        "curriculum/program.yaml:",
        "NUL",
    ),
    "deeply nested mkdocs.yml": (
        {"mkdocs.yml": "extra_deep: " + "[" * 3000 + "]" * 3000 + "\n"},
        "mkdocs.yml:1:1:",
        "nested",
    ),
    "missing Markdown extension": (
        {"mkdocs.yml": ("markdown_extensions:", "markdown_extensions:\n  - nosuchext")},
        "mkdocs.yml:",
        "'nosuchext' is not installed",
    ),
    "block indentation": ({SESSION_FILE: ("title: ", "  title: ")}, f"{SESSION_FILE}:", "indentation"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_failure_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    edits, where, words = CASES[name]
    root = _project(tmp_path, edits)  # type: ignore[arg-type]
    code, output = _run(capsys, root, "build", "--no-pdf")
    assert code == 1
    assert "--debug for details" not in output and "Traceback" not in output
    assert where in output and words in output
    assert "expected <block end>" not in output


def test_env_tags_in_mkdocs_yml_are_read_as_mkdocs_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path, {"mkdocs.yml": ("extra:\n", "extra:\n  key: !ENV [CURRICULUM_TEST_UNSET, 'fallback']\n")})
    code, output = _run(capsys, root, "build", "--no-pdf")
    assert code == 0, output


def test_materials_emoji_settings_with_python_name_tags_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emoji = (
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg"
    )
    root = _project(tmp_path, {"mkdocs.yml": ("markdown_extensions:", emoji)})
    code, output = _run(capsys, root, "build", "--no-pdf")
    assert code == 0, output


def test_theme_given_as_a_plain_name_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = minimal_files()
    settings = str(files["mkdocs.yml"])
    start = settings.index("theme:")
    end = settings.index("extra_css:")
    root = build_file_tree(tmp_path, {**files, "mkdocs.yml": settings[:start] + "theme: material\n" + settings[end:]})
    code, output = _run(capsys, root, "build", "--no-pdf")
    assert code == 0, output


# ------------------------------------------------------------------ fuzzer --

MUTATIONS = (
    lambda text, rnd: text[: (i := rnd.randrange(len(text)))] + text[i + 1 :],  # drop a char
    lambda text, rnd: text[: (i := rnd.randrange(len(text)))] + rnd.choice(":-[]{}'\"\t!&*#|>%@`\0\\") + text[i:],
    lambda text, rnd: "\n".join(rnd.sample(lines := text.splitlines(), len(lines))),  # shuffle lines
    lambda text, rnd: text.replace("  ", " ", rnd.randrange(1, 4)),  # break indentation
    lambda text, rnd: text.replace(": ", ": !!int ", 1),
    lambda text, rnd: text.replace("- ", "- &a ", 1).replace("minutes: 5", "minutes: *a", 1),
    lambda text, rnd: text.replace("90", str(rnd.choice([-1, 0, 10**20, 45]))),
    lambda text, rnd: text.replace("id: ", rnd.choice(["id: ../", "id: index", "id: A B", "id: "]), 1),
    lambda text, rnd: text.encode("utf-8")[: rnd.randrange(len(text))].decode("utf-8", "ignore"),
    lambda text, rnd: text + "\n" + rnd.choice(["extra: 1", "title: again", "<<: {}", "? complex", "---"]),
)


def test_random_damage_never_gives_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pytestconfig: pytest.Config
) -> None:
    count = int(pytestconfig.getoption("--fuzz-cases"))
    seed = int(pytestconfig.getoption("--fuzz-seed"))
    rnd = random.Random(seed)
    base = minimal_files()
    names = ["curriculum/program.yaml", "curriculum/coping/module.yaml", SESSION_FILE, "mkdocs.yml"]
    refused = 0
    for case in range(count):
        name = rnd.choice(names)
        text = str(base[name])
        for _ in range(rnd.randint(1, 3)):
            text = rnd.choice(MUTATIONS)(text, rnd) or " "
        root = build_file_tree(tmp_path / f"case{case}", {**base, name: text})
        code = main(["validate", "--root", str(root)])
        out = capsys.readouterr()
        output = out.out + out.err
        context = f"seed {seed}, case {case}, file {name}"
        assert code in (0, 1), context
        assert "Traceback" not in output and "--debug for details" not in output, f"{context}:\n{output}"
        if code == 1:
            refused += 1
            assert LOCATED.search(out.err), f"{context}: a refusal without a located error:\n{output}"
    assert refused > count // 4  # the mutations really damage the files
