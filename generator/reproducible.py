"""One build date for everything that records one, so the same input gives the same bytes."""

from __future__ import annotations

import os
import time

DEFAULT_EPOCH = 946684800  # 2000-01-01, when SOURCE_DATE_EPOCH is not set


def source_date_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else DEFAULT_EPOCH


def ensure_source_date_epoch() -> None:
    """MkDocs (sitemap) and WeasyPrint read this; set it when the user has not."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(DEFAULT_EPOCH))


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    moment = time.gmtime(max(source_date_epoch(), 315532800))  # zip dates start in 1980
    return (moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min, moment.tm_sec)
