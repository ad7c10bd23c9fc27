"""Text in the YAML is shown as text: never run by Jinja, never live HTML, never new attributes.

A session is filled with template syntax, script tags, event handlers and attribute-list
syntax in the fields that reach both the lesson plan and the handout (and the program and
module titles, which the theme prints in the header, navigation and <title>), the site is
built as a user builds it, and the built HTML is read back.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pdf import print_document

from .helpers import build_file_tree, minimal_files, run_cli

SESSION_FILE = "curriculum/coping/01-first-session.yaml"
PAYLOADS = (
    "{{ 7*7 }}",
    "{% for x in y %}",
    "<script>alert(1)</script>",
    "<iframe src=x>",
    "<img src=x onerror=alert(1)>",
    "{onclick=alert(1)}",
)
HOSTILE = "Alpha " + " ".join(PAYLOADS) + " Omega"
BREAKOUT = 'Beta </title><script>alert(2)</script> " onfocus="alert(3) Gamma'
LESSON_PLAN = "modules/coping/first-session.html"
HANDOUT = "handouts/first-session.html"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted one


def hostile_session() -> str:
    session = str(minimal_files()[SESSION_FILE])
    replacements = {
        "title: First session": f"title: {_quoted(HOSTILE)}",
        "summary: What members learn and practice in this session.": f"summary: {_quoted(HOSTILE)}",
        "    - This skill helps you stay on track.": f"    - {_quoted(HOSTILE)}\n    - Say **no** and leave.",
        "    - A member may say the skill will not work for them.": (
            f"    - {_quoted(HOSTILE)}\n    - A member may say the skill will not work for them."
        ),
        '    - prompt: "When could this skill help me this week?"': f"    - prompt: {_quoted(HOSTILE)}",
    }
    for old, new in replacements.items():
        assert old in session, old
        session = session.replace(old, new, 1)
    return session


class Page(HTMLParser):
    """The text a reader sees and the elements a browser would make live."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def hostile_titles() -> dict[str, str | bytes]:
    """Program title, organization and module title: printed by the theme, not our templates."""
    files = minimal_files()
    program, module = str(files["curriculum/program.yaml"]), str(files["curriculum/coping/module.yaml"])
    program = program.replace("title: Test Program", f"title: {_quoted(BREAKOUT)}", 1)
    program = program.replace("organization: Test Clinic", f"organization: {_quoted(HOSTILE)}", 1)
    module = module.replace("title: Coping", f"title: {_quoted(BREAKOUT)}", 1)
    return {"curriculum/program.yaml": program, "curriculum/coping/module.yaml": module}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_file_tree(
        tmp_path_factory.mktemp("hostile"), {**minimal_files(), **hostile_titles(), SESSION_FILE: hostile_session()}
    )
    result = run_cli("build", "--root", str(root), "--no-pdf", "--quiet")
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


@pytest.mark.parametrize("page", [LESSON_PLAN, HANDOUT, "modules/coping/index.html"])
def test_hostile_text_is_shown_as_text(hostile_site: Path, page: str) -> None:
    parsed = Page((hostile_site / page).read_text(encoding="utf-8"))
    assert HOSTILE in parsed.plain
    assert "Alpha 49" not in parsed.plain


def test_hostile_text_makes_no_live_html_on_any_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parsed = Page(page.read_text(encoding="utf-8"))
        where = page.relative_to(hostile_site).as_posix()
        assert not [s for s in parsed.scripts if "alert" in s], where
        assert not [tag for tag, _ in parsed.tags if tag == "iframe"], where
        assert not [(tag, attrs) for tag, attrs in parsed.tags if attrs.get("src") == "x"], where
        handlers = [
            (tag, name, value)
            for tag, attrs in parsed.tags
            for name, value in attrs.items()
            if name.startswith("on") and "alert" in (value or "")
        ]
        assert handlers == [], where


@pytest.mark.parametrize("page", [LESSON_PLAN, HANDOUT, "modules/coping/index.html", "index.html"])
def test_titles_stay_inside_the_title_element(hostile_site: Path, page: str) -> None:
    text = (hostile_site / page).read_text(encoding="utf-8")
    titles = re.findall(r"<title>(.*?)</title>", text, re.DOTALL)
    assert len(titles) == 1
    assert "<" not in titles[0]
    assert BREAKOUT in html.unescape(titles[0])


def test_program_and_module_titles_show_as_text(hostile_site: Path) -> None:
    home = Page((hostile_site / "index.html").read_text(encoding="utf-8")).plain
    assert BREAKOUT in home  # header, navigation and the module list
    assert HOSTILE in home  # the organization


def test_every_hostile_field_reaches_a_page(hostile_site: Path) -> None:
    """Title, summary, facilitator note on the plan; title, key point and prompt on the handout."""
    plan = Page((hostile_site / LESSON_PLAN).read_text(encoding="utf-8")).plain
    handout = Page((hostile_site / HANDOUT).read_text(encoding="utf-8")).plain
    assert plan.count(HOSTILE) >= 3
    assert handout.count(HOSTILE) >= 2


def test_markdown_in_text_still_formats(hostile_site: Path) -> None:
    html = (hostile_site / HANDOUT).read_text(encoding="utf-8")
    assert "Say <strong>no</strong> and leave." in html


def test_script_links_are_refused_with_a_located_error(tmp_path: Path) -> None:
    session = str(minimal_files()[SESSION_FILE])
    old = "    - This skill helps you stay on track."
    session = session.replace(old, "    - Read [this](javascript:alert(1)) first.")
    root = build_file_tree(tmp_path, {**minimal_files(), SESSION_FILE: session})
    result = run_cli("validate", "--root", str(root))
    line = session[: session.index("Read [this]")].count("\n") + 1
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{SESSION_FILE}:{line}:7: error: handout.key_points[0]: a link to a 'javascript:' address is "
        "not allowed; link to a web page (https://...), an email (mailto:) or a phone number (tel:) instead"
    ]


def test_pdf_footer_cannot_close_the_style_element() -> None:
    """The PDF footer carries the program title inside <style>; it must stay a CSS string."""
    document = print_document("Handout", "<p>body</p>", "p {}", "letter", footer=BREAKOUT)
    assert document.count("</style>") == 1
    assert "<script>" not in document
