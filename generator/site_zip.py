"""A zip of the built site, for clinics that use it offline from a folder."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .reproducible import zip_timestamp


def write_site_zip(site_dir: Path, target: Path, folder_name: str) -> None:
    """Zip every file of the site (not the zip itself) with fixed dates, in sorted order."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = zip_timestamp()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            if not path.is_file() or path == target:
                continue
            info = zipfile.ZipInfo(f"{folder_name}/{path.relative_to(site_dir).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
