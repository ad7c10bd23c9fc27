"""A live server renders a session's pages again only when what they show changed, and the
site it serves is always the one a fresh build would write."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pages
from generator.content_memo import ContentMemo, remembering
from generator.pages import RenderOptions, render_site
from generator.templates import make_environment
from generator.validate import load_and_validate

from .helpers import build_file_tree, minimal_files, minimal_project

SESSIONS = ("first-session", "second-session")
SECOND = "curriculum/coping/02-second-session.yaml"
OTHER = "curriculum/stress/01-other-session.yaml"


def _two_modules(root: Path) -> Path:
    """Two modules, so that a session has no neighbour in the other's module."""
    files = minimal_files(session_ids=SESSIONS)
    files.update(
        {name: text for name, text in minimal_files("stress", ("other-session",)).items() if "/stress/" in name}
    )
    return build_file_tree(root, files)


def _render(root: Path, memo: ContentMemo | None) -> dict[str, str]:
    env = make_environment(root)
    if memo is None:
        result = load_and_validate(root)
        assert result.curriculum is not None, result.problems
        return render_site(result.curriculum, env, RenderOptions(with_zip=False))
    with remembering(memo):
        result = load_and_validate(root)
        assert result.curriculum is not None, result.problems
        return render_site(result.curriculum, memo.by_object(root, lambda: env), RenderOptions(with_zip=False))


def _retitle_second(root: Path, title: str) -> None:
    session = root / SECOND
    text = session.read_text(encoding="utf-8")
    session.write_text(text.replace("title: Second session", f"title: {title}", 1), encoding="utf-8")


@pytest.fixture
def rendered_sessions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the sessions whose pages were rendered, in order."""
    calls: list[str] = []
    original = pages.Renderer.session_pages

    def counting(self: pages.Renderer, module: object, entry: pages.SessionEntry) -> dict[str, str]:
        calls.append(entry.id)
        return original(self, module, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(pages.Renderer, "session_pages", counting)
    return calls


def test_an_edit_renders_only_its_session_and_gives_the_fresh_site(
    tmp_path: Path, rendered_sessions: list[str]
) -> None:
    root = _two_modules(tmp_path)
    memo = ContentMemo()
    _render(root, memo)
    assert sorted(rendered_sessions) == sorted([*SESSIONS, "other-session"])
    rendered_sessions.clear()
    _retitle_second(root, "Second session, edited")
    served = _render(root, memo)
    # The first session shows its neighbour's title; the other module's session shows neither.
    assert sorted(rendered_sessions) == sorted(SESSIONS), "an unchanged module's session was rendered again"
    assert served == _render(root, None), "the live site differs from a fresh build"
    assert "Second session, edited" in served["modules/coping/second-session.md"]
    assert "Second session, edited" in served["modules/coping/first-session.md"], "the next link kept the old title"
    rendered_sessions.clear()
    other = root / OTHER
    other.write_text(other.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    served = _render(root, memo)
    assert rendered_sessions == ["other-session"]
    assert served == _render(root, None)


def test_a_module_edit_renders_every_session_of_the_module(tmp_path: Path, rendered_sessions: list[str]) -> None:
    root = minimal_project(tmp_path, session_ids=SESSIONS)
    memo = ContentMemo()
    _render(root, memo)
    module = root / "curriculum/coping/module.yaml"
    text = module.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    module.write_text(text.replace(title, "title: Coping, renamed", 1), encoding="utf-8")
    rendered_sessions.clear()
    served = _render(root, memo)
    assert sorted(rendered_sessions) == sorted(SESSIONS)
    assert served == _render(root, None)
    assert "Coping, renamed" in served["modules/coping/first-session.md"]


def test_an_override_that_reads_the_whole_curriculum_is_always_rendered(
    tmp_path: Path, rendered_sessions: list[str]
) -> None:
    root = _two_modules(tmp_path)
    overrides = root / "overrides"
    overrides.mkdir()
    (overrides / "handout.md.j2").write_text(
        '{% extends "base/handout.md.j2" %}\n'
        "{% block title %}{{ super() }}\n\nAlso in this program: "
        "{% for e in curriculum.sessions %}{{ e.session.title | md }}; {% endfor %}{% endblock %}\n",
        encoding="utf-8",
    )
    memo = ContentMemo()
    _render(root, memo)
    other = root / OTHER
    other.write_text(other.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    rendered_sessions.clear()
    served = _render(root, memo)
    assert "Also in this program:" in served["handouts/first-session.md"]
    assert "Edited " in served["handouts/first-session.md"], "the first handout kept the other session's old title"
    assert sorted(rendered_sessions) == sorted([*SESSIONS, "other-session"])
    assert served == _render(root, None)
