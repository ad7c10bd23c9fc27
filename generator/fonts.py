"""The one type family of the site and the PDFs: Atkinson Hyperlegible, shipped as a package.

A handout's line breaks, and so its page count, depend on the font. The font files come
from the `fontpkg-atkinson-hyperlegible` package (SIL Open Font License 1.1), so every
machine lays a handout out the same way whatever fonts it has installed. The site serves
the same files from assets/fonts/ (no font host is ever asked), and the PDF renderer may
read exactly these files and nothing else from the disk.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FAMILY = "Atkinson Hyperlegible"
SITE_FONTS = "assets/fonts"  # folder of the built site that serves the font files
LICENCE_NAME = "OFL.txt"
# The site's @font-face rules (curriculum.css) name the files relative to the stylesheet.
_SITE_URL = re.compile(r"""url\(\s*(["']?)\.\./fonts/([A-Za-z0-9_.-]+\.ttf)\1\s*\)""")


@dataclass(frozen=True)
class FontFile:
    path: Path
    weight: int
    style: str  # "normal" or "italic"


@lru_cache(maxsize=1)
def _package_root() -> Path:
    import fontpkg_atkinson_hyperlegible as package

    return Path(package.ROOT).resolve()


@lru_cache(maxsize=1)
def font_files() -> tuple[FontFile, ...]:
    """The family's files as the package lists them (regular, italic, bold, bold italic)."""
    root = _package_root()
    metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    files = tuple(
        FontFile((root / item["path"]).resolve(), int(item["weight"]), str(item["style"])) for item in metadata["files"]
    )
    missing = [str(f.path) for f in files if not f.path.is_file()]
    if missing:
        raise FileNotFoundError(
            f"font files missing from the installed font package: {missing}; "
            "reinstall it with `pip install --force-reinstall fontpkg-atkinson-hyperlegible`"
        )
    return files


def licence_text() -> bytes:
    return (_package_root() / "LICENSE").read_bytes()


def site_assets() -> dict[str, bytes]:
    """{site path: bytes} of the font files and their licence, published with the site."""
    assets = {f"{SITE_FONTS}/{font.path.name}": font.path.read_bytes() for font in font_files()}
    assets[f"{SITE_FONTS}/{LICENCE_NAME}"] = licence_text()
    return assets


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the font files: a new release of the font renders every PDF again."""
    digest = hashlib.sha256()
    for font in font_files():
        digest.update(font.path.name.encode() + b"\0" + font.path.read_bytes())
    return digest.hexdigest()


def allowed_urls() -> frozenset[str]:
    """The only addresses the PDF renderer may open: the package's own font files."""
    return frozenset(font.path.as_uri() for font in font_files())


def for_pdf(css: str) -> str:
    """The site's stylesheet with its font addresses pointed at the package's files.

    The site loads ../fonts/NAME.ttf from itself; WeasyPrint reads the same file from the
    installed package. An address naming any other file is left as it is, and refused.
    """
    by_name = {font.path.name: font.path.as_uri() for font in font_files()}

    def replace(match: re.Match[str]) -> str:
        uri = by_name.get(match.group(2))
        return f'url("{uri}")' if uri else match.group(0)

    return _SITE_URL.sub(replace, css)
