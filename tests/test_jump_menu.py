"""A counselor on a phone reaches any section of the lesson plan in one tap, Safety first."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import build_site
from tests.helpers import minimal_project


def test_the_jump_menu_leads_with_safety_and_every_link_lands(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    build_site(root, with_pdfs=False)
    page = (root / "site/modules/coping/first-session.html").read_text(encoding="utf-8")
    menu = re.search(r'<nav class="jump-menu"[^>]*>(.*?)</nav>', page, re.DOTALL)
    assert menu, "the lesson plan has no jump menu"
    targets = re.findall(r'href="#([^"]+)"', menu.group(1))
    assert targets[0] == "safety-and-crisis-response"
    assert len(targets) >= 6
    for target in targets:
        assert f'id="{target}"' in page, target
