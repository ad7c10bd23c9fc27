"""The run sheet: each part of the rule of thirds with its share and each segment's clock times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .model import SessionEntry
from .schema import Segment

PART_TITLES = {
    "opening": ("Opening", "first third", "Check in on current concerns and last week's practice."),
    "topic": ("Topic", "middle third", "Teach and practice one skill."),
    "closing": ("Closing", "last third", "Apply it to the coming week, sum up, assign the exercise."),
}


@dataclass(frozen=True)
class TimedSegment:
    part: str
    segment: Segment
    start: str
    end: str


@dataclass(frozen=True)
class PartSummary:
    name: str
    title: str
    third: str
    aim: str
    minutes: int
    percent: int
    segments: tuple[TimedSegment, ...]


def _clock(start: str, minutes: int) -> str:
    moment = datetime(2000, 1, 1, int(start[:2]), int(start[3:])) + timedelta(minutes=minutes)
    return moment.strftime("%H:%M")


def run_sheet(entry: SessionEntry, start: str) -> tuple[PartSummary, ...]:
    """Each part with its share of the session and each segment's clock times."""
    elapsed = 0
    parts = []
    for name, segments in entry.session.outline.parts():
        timed = []
        for segment in segments:
            timed.append(TimedSegment(name, segment, _clock(start, elapsed), _clock(start, elapsed + segment.minutes)))
            elapsed += segment.minutes
        minutes = sum(s.minutes for s in segments)
        title, third, aim = PART_TITLES[name]
        parts.append(PartSummary(name, title, third, aim, minutes, round(100 * minutes / entry.minutes), tuple(timed)))
    return tuple(parts)
