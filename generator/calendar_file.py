"""The dated cycle as an iCalendar file (schedule.ics), so staff can add every group to a calendar.

Only a schedule with a start date has one. The same input gives the same bytes: each
event's UID comes from the program, the date, the time and the session, and DTSTAMP is
the build date (SOURCE_DATE_EPOCH), never the clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from . import paths
from .model import Curriculum, Slot
from .reproducible import source_date_epoch

PRODUCT_ID = "-//iop-curriculum//Program schedule//EN"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "program"


def _uid(curriculum: Curriculum, slot: Slot) -> str:
    """Stable across builds, different for every meeting: program, date, time and what runs."""
    assert slot.date is not None
    what = slot.entry.ref.replace("/", "-") if slot.entry else _slug(slot.title)
    return f"{slot.date:%Y%m%d}T{slot.start.replace(':', '')}-{what}@{_slug(curriculum.program.title)}"


def _page_address(curriculum: Curriculum, md_path: str) -> tuple[str | None, str]:
    """(absolute URL or None, how the description names the page)."""
    page = paths.html_path(md_path)
    site_url = curriculum.program.site_url
    if site_url:
        return site_url + page, site_url + page
    return None, f"{page} on the curriculum site"


def _event(curriculum: Curriculum, slot: Slot, zone: ZoneInfo | None, stamp: datetime) -> Event:
    assert slot.date is not None
    start = datetime(
        slot.date.year, slot.date.month, slot.date.day, int(slot.start[:2]), int(slot.start[3:]), tzinfo=zone
    )
    event = Event()
    event.add("uid", _uid(curriculum, slot))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=slot.minutes))
    lines = []
    if slot.entry is not None:
        module = curriculum.module(slot.entry.module_id).module
        event.add("summary", f"{slot.entry.session.title} ({module.title})")
        url, plan = _page_address(curriculum, paths.lesson_plan(slot.entry))
        _, handout = _page_address(curriculum, paths.handout(slot.entry))
        lines += [
            f"Week {slot.week}. {slot.title}: session from {module.title}.",
            f"Lesson plan: {plan}",
            f"Handout: {handout}",
        ]
        if url:
            event.add("url", url)
    else:
        event.add("summary", slot.title)
        lines.append(f"Week {slot.week}. {slot.title}.")
    event.add("description", "\n".join(lines))
    event.add("categories", [slot.kind])
    return event


def calendar_bytes(curriculum: Curriculum) -> bytes | None:
    """The cycle's events, or None when the schedule has no dates (nothing to put in a calendar)."""
    schedule = curriculum.program.schedule
    if schedule.start_date is None:
        return None
    zone = ZoneInfo(schedule.timezone) if schedule.timezone else None
    stamp = datetime.fromtimestamp(source_date_epoch(), UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", curriculum.program.title)
    if schedule.timezone:
        calendar.add("x-wr-timezone", schedule.timezone)
    dated = [slot for slot in curriculum.schedule if slot.date is not None and slot.kind != "closed"]
    for slot in dated:
        calendar.add_component(_event(curriculum, slot, zone, stamp))
    if zone is not None and dated:
        first, last = dated[0].date, dated[-1].date
        assert first is not None and last is not None
        calendar.add_missing_timezones(first - timedelta(days=366), last + timedelta(days=366))
    return bytes(calendar.to_ical())


def calendar_files(curriculum: Curriculum) -> dict[str, str | bytes]:
    """{docs path: bytes} for the docs tree: MkDocs copies the file next to the schedule page."""
    data = calendar_bytes(curriculum)
    return {paths.CALENDAR: data} if data is not None else {}
