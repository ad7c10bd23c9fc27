"""The curriculum's YAML format, as pydantic models.

These models are the single source of truth: the validator uses them, the JSON
Schema that editors autocomplete from is exported from them, and the renderer
reads the frozen instances. Every model forbids unknown keys, so a typo is
reported instead of silently ignored.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

MAX_TEXT = 4000

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Slug = Annotated[
    str,
    StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(description="Lowercase letters, digits and single hyphens, e.g. 'warning-signs'."),
]
RESERVED_PAGE_IDS = frozenset({"index"})


def reserved_id_message(value: str) -> str | None:
    """Why an id may not name a page of its own, or None when it may."""
    if value in RESERVED_PAGE_IDS:
        return (
            f"'{value}' is reserved for a generated listing page (it would replace it); "
            "choose another id, e.g. 'introduction'"
        )
    return None


def _not_reserved(value: str) -> str:
    message = reserved_id_message(value)
    if message:
        raise ValueError(message)
    return value


PageSlug = Annotated[Slug, AfterValidator(_not_reserved)]
"""A slug that names a page of its own (session ids, tags): never a generated page's name."""

ClockTime = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description="24-hour clock time in quotes, e.g. '18:00'."),
]
HexColor = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(description="A colour as #RRGGBB, e.g. '#2f5d62'."),
]


class Model(BaseModel):
    """Base for every YAML object: immutable, strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class GroupType(StrEnum):
    PSYCHOEDUCATIONAL = "psychoeducational"
    SKILLS = "skills"
    RELAPSE_PREVENTION = "relapse-prevention"
    REFUSAL_TRAINING = "refusal-training"
    FAMILY = "family"
    PROCESS = "process"
    PRETREATMENT = "pretreatment"

    @property
    def label(self) -> str:
        return {
            "psychoeducational": "Psychoeducational",
            "skills": "Skills development",
            "relapse-prevention": "Relapse prevention",
            "refusal-training": "Refusal training",
            "family": "Family education",
            "process": "Process group",
            "pretreatment": "Pretreatment (readiness)",
        }[self.value]


# ---------------------------------------------------------------- program --


class CrisisLine(Model):
    """A crisis or help line printed on every handout and the home page."""

    name: Line = Field(description="Who answers, e.g. '988 Suicide & Crisis Lifeline'.")
    contact: Line = Field(description="How to reach them, e.g. 'Call or text 988'.")
    hours: Line | None = Field(None, description="When, e.g. '24/7'.")
    note: Line | None = Field(None, description="One short line, e.g. 'English and Spanish'.")


NATIONAL_CRISIS_LINES: tuple[CrisisLine, ...] = (
    CrisisLine(
        name="988 Suicide & Crisis Lifeline",
        contact="Call or text 988",
        hours="24/7",
        note="Free and confidential",
    ),
    CrisisLine(
        name="SAMHSA National Helpline",
        contact="Call 1-800-662-4357",
        hours="24/7",
        note="Free, English and Spanish",
    ),
    CrisisLine(name="Emergency", contact="Call 911", note="If you or someone else is in danger now"),
)


DEFAULT_CRISIS_PROTOCOL: tuple[str, ...] = (
    "Do not leave the person alone. The co-facilitator steps out with them to a private room; "
    "the other facilitator keeps the group going.",
    "Ask directly and calmly about thoughts of suicide or of hurting someone, and listen. "
    "Speak with hope: help works and people get through this.",
    "If there is danger now, call 911. Otherwise call or text 988 together with the person, "
    "as the program's policy says.",
    "Tell the on-call clinician or supervisor at once, before the person leaves.",
    "After group: write it up as the program requires, and plan the follow-up with the person's "
    "counselor. Other members' questions can wait until then.",
)


DEFAULT_INTOXICATION_PROTOCOL: tuple[str, ...] = (
    "Speak with the person privately and calmly, without shaming. They sit out group tonight "
    "and are welcome back next time.",
    "Check for danger: if they are hard to wake, breathe slowly, or have blue or grey lips, call 911. "
    "Give naloxone if opioids may be involved, and stay with them.",
    "Do not let them drive. Arrange a safe ride home (family, a friend, a cab or a ride service), "
    "as the program's policy says.",
    "Tell the on-call clinician or supervisor before the person leaves.",
    "After group: write it up, and let the person's counselor follow up about more support.",
)

DEFAULT_VIOLENCE_PROTOCOL: tuple[str, ...] = (
    "Stay calm and speak slowly. Keep a safe distance and a clear way to the door for everyone.",
    "Pause the group. Ask the person to step out with one facilitator only if that is safe; "
    "otherwise move the other members out.",
    "If anyone is in danger, or there is a weapon, leave the room and call 911.",
    "Tell the on-call clinician or supervisor at once. A threat against a named person may need "
    "action under your state's duty-to-warn rules: the clinician decides this with the supervisor.",
    "After: check in with the members, write the incident report, and plan with the team before the person returns.",
)


class Thresholds(Model):
    """Checks a program can tune."""

    thirds_min_percent: int = Field(25, ge=0, le=100, description="Least share of each part.")
    thirds_max_percent: int = Field(40, ge=0, le=100, description="Largest share of each part.")
    handout_grade_max: float = Field(8.0, description="Warn when a handout reads above this grade.")
    lesson_plan_grade_max: float = Field(10.0, description="Warn above this grade for plans.")
    sentence_grade_max: float = Field(
        10.0, description="Warn when one handout sentence of 8 or more words reads above this grade."
    )
    handout_max_pages: int = Field(2, ge=1, le=4, description="Warn when a handout prints longer.")
    large_print_max_pages: int = Field(2, ge=1, le=6, description="Warn when a large-print copy prints longer.")

    @model_validator(mode="after")
    def _min_below_max(self) -> Thresholds:
        if self.thirds_min_percent > self.thirds_max_percent:
            raise ValueError("thirds_min_percent must not be larger than thirds_max_percent")
        return self


class StigmaTerm(Model):
    """A word the language check flags, with what to say instead."""

    term: Line
    instead: Line


class LanguageCheck(Model):
    """Person-first language: extra words to flag, and built-in ones to allow."""

    extra_terms: tuple[StigmaTerm, ...] = ()
    allow: tuple[Line, ...] = Field((), description="Built-in terms this program allows.")


class Branding(Model):
    """How the site and handouts look for this program."""

    logo: str | None = Field(None, description="Image path relative to curriculum/.")

    @field_validator("logo")
    @classmethod
    def _plain_path(cls, logo: str | None) -> str | None:
        if logo is not None and ("\0" in logo or not logo.strip()):
            raise ValueError(
                "the logo path holds an invisible NUL character or is empty; write the "
                "picture's path relative to curriculum/, e.g. 'images/logo.png'"
            )
        return logo

    primary_color: HexColor = "#2f5d62"
    accent_color: HexColor = "#a33b20"
    contact: Line | None = Field(None, description="e.g. 'Questions? Call the clinic at ...'.")


Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _calendar_date(value: object) -> object:
    """A date as the YAML gives it (text), checked with a message a clinic can act on."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"'{text[:40]}' is not a date: write it as YYYY-MM-DD, like 2026-01-05")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a day of the calendar; check the month and the day") from None


CalendarDate = Annotated[
    date,
    BeforeValidator(_calendar_date),
    Field(description="A date as YYYY-MM-DD, e.g. 2026-01-05."),
]


class ClosedDay(Model):
    """A day the program does not meet; its groups move on to the next open group day."""

    date: CalendarDate
    note: Line | None = Field(None, description="Why, shown on the schedule, e.g. 'Memorial Day'.")


def _closed_day(value: object) -> object:
    return {"date": value} if isinstance(value, str | date) else value


ClosedEntry = Annotated[ClosedDay, BeforeValidator(_closed_day, json_schema_input_type=ClosedDay | date)]


def clock(start: str, minutes: int) -> str:
    """'HH:MM' plus minutes, on a 24-hour clock."""
    total = int(start[:2]) * 60 + int(start[3:]) + minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


BLOCK_TITLES = {
    "curriculum": "Curriculum group",
    "process": "Process group",
    "individual": "Individual sessions",
    "other": "Other",
}


class Block(Model):
    """One part of a program day: the curriculum group, a process group, individual sessions."""

    kind: Literal["curriculum", "process", "individual", "other"] = Field(
        "curriculum",
        description="curriculum: runs the next session in running order; process, "
        "individual, other: shown on the schedule with its title and counted toward the hours.",
    )
    title: Line | None = Field(
        None,
        description="Shown on the schedule and in the calendar. Default: "
        "'Curriculum group', 'Process group' or 'Individual sessions'; "
        "a block of kind 'other' needs one.",
    )
    start: ClockTime | None = Field(None, description="When it starts, e.g. '19:45'. Default: schedule.start_time.")
    minutes: int | None = Field(None, ge=10, le=480, description="How long it lasts. Default: session_minutes.")
    days: tuple[Weekday, ...] = Field((), description="The group days it is on. Default: every day in schedule.days.")

    @model_validator(mode="after")
    def _other_has_title(self) -> Block:
        if self.kind == "other" and self.title is None:
            raise ValueError("a block of kind 'other' needs a title, e.g. 'title: Family night'")
        return self

    @property
    def label(self) -> str:
        return self.title or BLOCK_TITLES[self.kind]

    @property
    def end(self) -> str:
        """When it ends, once week() has filled in start and minutes."""
        return clock(self.start, self.minutes) if self.start and self.minutes else ""


class Schedule(Model):
    """Weeks and group slots, and the order in which sessions fill them."""

    weeks: int = Field(12, ge=1, le=52)
    days: tuple[Weekday, ...] = Field(
        ("Monday", "Wednesday", "Thursday"), min_length=1, description="Group days each week."
    )
    hours_per_week: float = Field(9, gt=0, le=40, description="Program contact hours a week.")
    group_size_max: int = Field(12, ge=2, le=15, description="At most 15 (TIP 41).")
    start_time: ClockTime = Field("18:00", description="When the group starts, for run sheets.")
    enrollment: Literal["rolling", "closed"] = "rolling"
    order: tuple[Annotated[str, StringConstraints(min_length=1, max_length=130)], ...] = Field(
        (),
        description="Module ids (all their sessions) or 'module/session' ids, in running order. "
        "Empty: every module in folder order.",
    )
    start_date: CalendarDate | None = Field(
        None,
        description="The first day of the cycle. With it the schedule shows dates, and the site "
        "has a 'Tonight' box and a calendar file. Leave out for weeks and days only.",
    )
    closed: tuple[ClosedEntry, ...] = Field(
        (),
        description="Days the program is closed, e.g. holidays: a date, or 'date:' and 'note:'. "
        "Their groups move on to the next open group day.",
    )
    timezone: str | None = Field(
        None,
        description="The program's time zone for the calendar file, as an IANA name such as "
        "'America/Chicago'. Leave out for times without a zone (the reader's own clock).",
    )
    blocks: tuple[Block, ...] = Field(
        (),
        description="What a group day holds, e.g. the curriculum group, then a process group. "
        "Leave out for one curriculum group at start_time on each of the days.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str | None) -> str | None:
        if name is None:
            return None
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            close = difflib.get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(
                f"'{name[:60]}' is not a time zone name{hint}; use an IANA name such as "
                "'America/Chicago' or 'Europe/Berlin'"
            ) from None
        return name

    @field_validator("blocks")
    @classmethod
    def _blocks_fit_days(cls, blocks: tuple[Block, ...], info: ValidationInfo) -> tuple[Block, ...]:
        days = info.data.get("days") or ()
        for index, block in enumerate(blocks):
            outside = [day for day in block.days if day not in days]
            if outside:
                raise ValueError(
                    f"blocks[{index}] is on {', '.join(outside)}, which is not one of "
                    f"schedule.days ({', '.join(days)}); add the day there or "
                    "remove it from the block"
                )
        if blocks and not any(block.kind == "curriculum" for block in blocks):
            raise ValueError(
                "no block is of kind 'curriculum', so no session would ever be scheduled; "
                "add one, e.g. '- kind: curriculum' with 'start: \"18:00\"'"
            )
        return blocks

    def week(self, session_minutes: int) -> tuple[Block, ...]:
        """The blocks with every default filled in, in clock order: what a program week holds."""
        blocks = self.blocks or (Block(kind="curriculum"),)
        resolved = [
            block.model_copy(
                update={
                    "title": block.label,
                    "start": block.start or self.start_time,
                    "minutes": block.minutes or session_minutes,
                    "days": block.days or self.days,
                }
            )
            for block in blocks
        ]
        return tuple(sorted(resolved, key=lambda block: block.start or ""))

    def weekly_minutes(self, session_minutes: int) -> int:
        """Contact time the blocks add up to in one full week."""
        return sum((block.minutes or 0) * len(block.days) for block in self.week(session_minutes))


def _site_url(value: str | None) -> str | None:
    """The published site's address, ending in '/', so page paths can be joined to it."""
    if value is None:
        return None
    text = value.strip()
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?", text):
        raise ValueError(
            f"'{text[:60]}' is not a web address: write the published site's address, "
            "starting with https://, like 'https://example.org/curriculum/'"
        )
    return text if text.endswith("/") else text + "/"


class Program(Model):
    """curriculum/program.yaml: the program as a whole."""

    schema_: str | None = Field(None, alias="$schema", exclude=True)
    title: Line
    organization: Line
    audience: Text
    description: Text
    version: Line = "1.0"
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(?:-[A-Z]{2})?$")] = "en"
    session_minutes: int = Field(90, ge=30, le=240)
    page_size: Literal["letter", "a4"] = "letter"
    schedule: Schedule = Schedule()
    thresholds: Thresholds = Thresholds()
    crisis_lines: tuple[CrisisLine, ...] = Field(
        NATIONAL_CRISIS_LINES, description="Replaces the national lines; leave out to keep them."
    )
    local_crisis_lines: tuple[CrisisLine, ...] = Field((), description="Added after the others.")
    on_call: Line | None = Field(
        None,
        description="Who the facilitator tells at once about a member at risk, and how, "
        "e.g. 'On-call clinician: 555-0100 (pager after 17:00)'.",
    )
    crisis_protocol: tuple[Text, ...] = Field(
        DEFAULT_CRISIS_PROTOCOL,
        min_length=1,
        description="What a facilitator does now when a member is at imminent risk, in order; "
        "printed in every lesson plan. Replace with your program's policy.",
    )
    intoxication_protocol: tuple[Text, ...] = Field(
        DEFAULT_INTOXICATION_PROTOCOL,
        min_length=1,
        description="What a facilitator does when a member comes to group intoxicated; printed on the escalation card.",
    )
    violence_protocol: tuple[Text, ...] = Field(
        DEFAULT_VIOLENCE_PROTOCOL,
        min_length=1,
        description="What a facilitator does on a threat of violence; printed on the escalation card.",
    )
    branding: Branding = Branding()
    language_check: LanguageCheck = LanguageCheck()
    site_url: Annotated[str | None, AfterValidator(_site_url)] = Field(
        None,
        description="Where the site is published, e.g. 'https://example.org/curriculum/'. "
        "With it, printed handouts carry a QR code that opens their page online, and the calendar "
        "links each group to its lesson plan.",
    )

    @field_validator("crisis_lines")
    @classmethod
    def _some_crisis_line(cls, lines: tuple[CrisisLine, ...]) -> tuple[CrisisLine, ...]:
        if not lines:
            raise ValueError(
                "crisis_lines cannot be empty: every handout must carry a crisis line. "
                "List your own country's lines here, or delete the key to keep 988, "
                "the SAMHSA National Helpline and 911"
            )
        return lines

    @property
    def all_crisis_lines(self) -> tuple[CrisisLine, ...]:
        return self.crisis_lines + self.local_crisis_lines


# ----------------------------------------------------------------- module --


class Source(Model):
    """An established manual or model the content draws on."""

    work: Text = Field(description="e.g. 'SAMHSA TIP 47'.")
    part: Line | None = Field(None, description="Chapter or section, e.g. 'Chapter 4'.")


class Module(Model):
    """curriculum/<module>/module.yaml: a group of sessions on one theme."""

    schema_: str | None = Field(None, alias="$schema", exclude=True)
    id: Slug
    title: Line
    summary: Text = Field(description="One or two sentences for listings.")
    group_type: GroupType
    tags: tuple[PageSlug, ...] = ()
    overview: Text = Field(description="For the facilitator: what the module does and for whom.")
    goals: tuple[Text, ...] = Field(min_length=1)
    key_skills: tuple[Line, ...] = Field(min_length=1)
    sources: tuple[Source, ...] = Field(min_length=1)


# ---------------------------------------------------------------- session --


class Segment(Model):
    """One timed step of the outline."""

    name: Line
    minutes: int = Field(ge=1, le=240)
    facilitator: Text = Field(description="What the facilitator does.")
    say: Text | None = Field(None, description="Suggested words, in the facilitator's voice.")
    prompts: tuple[Text, ...] = Field((), description="Questions to ask the group.")
    exercise: Slug | None = Field(None, description="Id of an exercise run in this segment.")


class Outline(Model):
    """The rule of thirds: opening, topic, closing, each a list of segments."""

    opening: tuple[Segment, ...] = Field(min_length=1)
    topic: tuple[Segment, ...] = Field(min_length=1)
    closing: tuple[Segment, ...] = Field(min_length=1)

    def parts(self) -> tuple[tuple[str, tuple[Segment, ...]], ...]:
        return (("opening", self.opening), ("topic", self.topic), ("closing", self.closing))


class CheckIn(Model):
    questions: tuple[Text, ...] = Field(min_length=1)
    minutes_per_person: int = Field(2, ge=1, le=10)


class Exercise(Model):
    """A practice exercise. Its title and steps also appear on the handout."""

    id: Slug
    title: Line
    purpose: Text | None = None
    steps: tuple[Text, ...] = Field(min_length=2, description="Plain-language steps.")
    debrief: tuple[Text, ...] = Field(min_length=2, description="Questions after the exercise.")


class Homework(Model):
    task: Text
    minutes_per_day: int = Field(ge=1, le=19, description="Under 20 minutes a day.")
    review: Text | None = Field(None, description="How it is reviewed at the next check-in.")


class FacilitatorNotes(Model):
    challenges: tuple[Text, ...] = Field(min_length=1)
    adaptations: tuple[Text, ...] = Field(min_length=1)
    safety: Text = Field(description="What to do on disclosure of use, intoxication or crisis.")


class Scale(Model):
    start: int = Field(0, alias="from", ge=0, le=10)
    end: int = Field(10, alias="to", ge=1, le=10)
    label: Line
    low: Line | None = Field(None, description="Word under the low end, e.g. 'calm'.")
    high: Line | None = Field(None, description="Word under the high end.")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.start >= self.end:
            raise ValueError("'from' must be smaller than 'to'")
        return self


class Table(Model):
    columns: tuple[Line, ...] = Field(min_length=1, max_length=5)
    rows: int = Field(3, ge=1, le=10)


class DailyLog(Model):
    """A 7-day log: one row per day, so daily homework has its own place on the sheet."""

    columns: tuple[Line, ...] = Field(min_length=1, max_length=4, description="Columns after 'Day'.")
    days: int = Field(7, ge=1, le=14, description="How many day rows (default a week).")


WORKSHEET_KINDS = ("lines", "checklist", "scale", "table", "log")


class WorksheetBlock(Model):
    """One of: writing lines, a checklist, a 0-10 scale, a fill-in table, or a daily log."""

    prompt: Text | None = None
    exercise: Slug | None = Field(None, description="Id of the exercise this block is the handout's place for.")
    lines: int | None = Field(None, ge=1, le=12, description="Writing lines after the prompt.")
    checklist: tuple[Line, ...] | None = Field(None, min_length=1)
    scale: Scale | None = None
    table: Table | None = None
    log: DailyLog | None = Field(None, description="A day-by-day log for daily homework.")

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> WorksheetBlock:
        kinds = [k for k in WORKSHEET_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            found = ", ".join(kinds) if kinds else "none"
            raise ValueError(
                f"a worksheet block needs exactly one of lines, checklist, scale, table or log (found: {found})"
            )
        if self.lines is not None and not self.prompt:
            raise ValueError("writing lines need a prompt that says what to write")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in WORKSHEET_KINDS if getattr(self, k) is not None)


class Handout(Model):
    """What participants get: plain language, no facilitator notes."""

    title: Line
    purpose: Line = Field(description="One line: what this sheet helps you do.")
    key_points: tuple[Text, ...] = Field(min_length=1, max_length=6)
    steps: tuple[Text, ...] = Field(min_length=1, max_length=8, description="The skill's steps.")
    worksheet: tuple[WorksheetBlock, ...] = Field(min_length=1, max_length=6)
    homework: Text


class Session(Model):
    """curriculum/<module>/<NN-session>.yaml: one 90-minute group."""

    schema_: str | None = Field(None, alias="$schema", exclude=True)
    id: PageSlug
    title: Line
    summary: Text = Field(description="One sentence for listings and search.")
    minutes: int | None = Field(None, ge=30, le=240, description="Default: the program's.")
    group_type: GroupType | None = Field(None, description="Default: the module's.")
    tags: tuple[PageSlug, ...] = ()
    objectives: tuple[Text, ...] = Field(min_length=2, max_length=4)
    materials: tuple[Text, ...] = Field(min_length=1)
    preparation: tuple[Text, ...] = ()
    sources: tuple[Source, ...] = Field(min_length=1)
    check_in: CheckIn
    outline: Outline
    exercises: tuple[Exercise, ...] = Field(min_length=1)
    homework: Homework
    facilitator_notes: FacilitatorNotes
    handout: Handout


class GlossaryTerm(Model):
    term: Line
    definition: Text


class Glossary(Model):
    """curriculum/glossary.yaml: key terms in plain language."""

    schema_: str | None = Field(None, alias="$schema", exclude=True)
    terms: tuple[GlossaryTerm, ...] = Field(min_length=1)


FILE_MODELS: dict[str, type[Model]] = {
    "program": Program,
    "module": Module,
    "session": Session,
    "glossary": Glossary,
}
