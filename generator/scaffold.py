"""`curriculum new`: write a complete, valid module or session with every field explained."""

from __future__ import annotations

from pathlib import Path


def session_yaml(module_id: str, session_id: str) -> str:
    title = session_id.replace("-", " ").capitalize()
    return f"""\
# yaml-language-server: $schema=../_schema/session.schema.json
# One group session. Every key below is explained by the comment above it.
# Text fields may use Markdown: **bold**, *italic*, [links](https://example.org).
# HTML is shown as plain text, never run.

# A short id: lowercase letters, digits and hyphens. It must be unique in the curriculum
# and becomes part of the page address, e.g. modules/{module_id}/{session_id}.html
id: {session_id}
# The session's name, as members will see it.
title: {title}
# One sentence for listings and search.
summary: What members learn and practice in this session.
# Length in minutes. Leave it out to use the program's session_minutes (90).
minutes: 90
# Optional: psychoeducational, skills, relapse-prevention, refusal-training, family
# or process. Leave it out to use the module's group type.
# group_type: skills
# Topic tags for browsing (lowercase, hyphens).
tags: [example]
# 2 to 4 objectives, each something a member can be seen to do.
objectives:
  - Name two situations where the skill helps.
  - Practice the skill once in the group.
# What to bring.
materials:
  - Handout for this session (one per member)
  - Whiteboard and markers
# What to do before the group starts.
preparation:
  - Read the handout and the practice steps.
# The manual or model this session draws on.
sources:
  - work: SAMHSA TIP 47, Clinical Issues in Intensive Outpatient Treatment
    part: Chapter 4
# Check-in: questions for each member, and minutes per person.
check_in:
  minutes_per_person: 2
  questions:
    - How is your mood today, from 0 to 10?
    - Any use or cravings since we last met?
    - How did last week's practice go?
    - Do you feel safe today?
# The rule of thirds. Segment minutes must add up to the session length, and each
# part must take 25-40% of it (the program file can change that range).
outline:
  # First third: welcome, group agreements, check-in, review of last week's practice.
  opening:
    - name: Welcome and group agreements
      minutes: 5
      # What the facilitator does.
      facilitator: Greet members and read the group agreements.
      # Optional: suggested words.
      say: Welcome. Let's start with three slow breaths.
    - name: Check-in
      minutes: 25
      facilitator: Go around the room, about two minutes each.
      # Optional: questions to ask the group.
      prompts:
        - What helped you this week?
  # Middle third: teach and practice one skill.
  topic:
    - name: Teach the skill
      minutes: 20
      facilitator: Explain the skill with the handout and one example.
    - name: Practice the skill
      minutes: 10
      facilitator: Members try the practice exercise in pairs.
      # Runs an exercise listed under exercises, by its id.
      exercise: practice-{session_id}
  # Last third: apply it to the week, sum up, assign the exercise, closing ritual.
  closing:
    - name: Apply it to the coming week
      minutes: 15
      facilitator: Each member says when they will use the skill this week.
    - name: Sum up and assign the practice
      minutes: 8
      facilitator: Sum up and explain the homework on the handout.
    - name: Closing ritual
      minutes: 7
      facilitator: Each member says one word for how they are leaving.
# Practice exercises. Their titles and steps are printed on the handout too,
# so write the steps to the member, in plain words.
exercises:
  - id: practice-{session_id}
    title: Try the skill
    purpose: Practice the skill once, with support.
    steps:
      - Think of a time this week when the skill could help.
      - Try the skill with a partner.
      - Say one thing that went well.
    # Questions for the group after the exercise (at least two).
    debrief:
      - What was easy, and what was hard?
      - When will you try it this week?
# Homework: under 20 minutes a day, tied to the handout, reviewed at next check-in.
homework:
  task: Use the skill once a day and write down what happened.
  minutes_per_day: 10
  review: Ask about it at the next check-in.
# For the facilitator only; never printed on the handout.
facilitator_notes:
  challenges:
    - A member may say the skill will not work for them. Ask what would make it easier to try.
  adaptations:
    - For low literacy, read the handout aloud and let members answer out loud.
  safety: >-
    If a member discloses thoughts of suicide, thank them, stay calm, and follow the
    program's risk assessment policy after group; do not explore it in the group. If a
    member arrives intoxicated, speak with them privately and follow the program's
    policy. If anyone threatens violence, stop the group and follow the safety procedure.
# The participant handout: plain language (grade 6-8), one page.
handout:
  title: {title}
  # One line: what this sheet helps you do.
  purpose: Learn one skill and use it this week.
  key_points:
    - This skill helps you stay on track.
    - It gets easier each time you use it.
  # The steps of the skill.
  steps:
    - Notice what is happening.
    - Pause and breathe.
    - Use the skill.
  # Worksheet blocks: lines (with a prompt), checklist, scale (0-10), table, or a
  # day-by-day log. `exercise:` names the exercise a block is the handout's place for:
  # every exercise the outline runs needs one.
  worksheet:
    - prompt: "When could this skill help me this week?"
      exercise: practice-{session_id}
      lines: 2
    - checklist:
        - I tried the skill today
        - I told someone about it
    - scale:
        from: 0
        to: 10
        label: How sure am I that I can use it?
        low: not sure
        high: very sure
    - prompt: "My week:"
      table:
        columns: [Day, What happened, What I did]
        rows: 3
  homework: Use the skill once a day. Write down what happened.
"""


def module_yaml(module_id: str) -> str:
    title = module_id.replace("-", " ").capitalize()
    return f"""\
# yaml-language-server: $schema=../_schema/module.schema.json
# A module: a set of sessions on one theme. Its sessions are the other .yaml files
# in this folder, run in file-name order (01-..., 02-...).

# A short id: lowercase letters, digits and hyphens; it is also the page address.
id: {module_id}
# The module's name.
title: {title}
# One or two sentences for listings.
summary: What this module helps members do.
# psychoeducational, skills, relapse-prevention, refusal-training, family or process.
group_type: skills
# Topic tags for browsing (lowercase, hyphens).
tags: [example]
# For the facilitator: what the module does, for whom, and which manual it follows.
overview: >-
  Describe the module for the facilitator here.
# What members will be able to do at the end.
goals:
  - Members can name and practice the module's main skill.
# The skills the sessions teach.
key_skills:
  - The main skill
# The established manuals or models it follows.
sources:
  - work: SAMHSA TIP 47, Clinical Issues in Intensive Outpatient Treatment
"""


def program_yaml() -> str:
    return """\
# yaml-language-server: $schema=_schema/program.schema.json
# The program as a whole. Only title, organization, audience and description are
# required; every other setting below shows its default.
title: Our IOP Group Curriculum
organization: Our Clinic
audience: Adults in our intensive outpatient program.
description: Psychoeducational and skills groups, each following the rule of thirds.
version: "1.0"
# Interface language of the site (e.g. en, es).
language: en
session_minutes: 90
# PDF page size: letter or a4.
page_size: letter
schedule:
  weeks: 12
  days: [Monday, Wednesday, Thursday]
  hours_per_week: 9
  group_size_max: 12
  # Clock time of the group's start, in quotes, for the run sheets.
  start_time: "18:00"
  # rolling: members join any week and the sessions cycle; closed: all start together.
  enrollment: rolling
  # Module ids or 'module/session' ids in running order; empty means folder order.
  order: []
  # The cycle's first group day gives the schedule real dates, a "Tonight" box and a
  # calendar file (schedule.ics). Closed days move their groups to the next open day.
  # start_date: 2027-01-04
  # timezone: America/Chicago
  # closed:
  #   - date: 2027-01-18
  #     note: Martin Luther King Jr. Day
  # A day can hold more than one group; curriculum blocks take the sessions in order.
  # blocks:
  #   - kind: curriculum
  #   - kind: process
  #     title: Process group
  #     start: "19:45"
  #     minutes: 60
thresholds:
  thirds_min_percent: 25
  thirds_max_percent: 40
  handout_grade_max: 8
  lesson_plan_grade_max: 10
  # One handout sentence (8 or more words) above this grade is a warning at its line.
  sentence_grade_max: 10
  handout_max_pages: 2
# The national crisis lines (988, SAMHSA Helpline, 911) are built in. Add local ones:
local_crisis_lines: []
#  - name: County crisis line
#    contact: Call 555-0100
#    hours: 24/7
# Who a facilitator tells at once about a member at risk; on the escalation card.
# on_call: "On-call clinician: 555-0100"
# The escalation card's steps (crisis_protocol, intoxication_protocol, violence_protocol)
# have defaults; list your own to replace them.
# The published site's address: printed handouts then carry a QR code to their page.
# site_url: https://example.org/curriculum/
branding:
  primary_color: "#2f5d62"
  accent_color: "#a33b20"
"""


def next_session_path(module_dir: Path, session_id: str) -> Path:
    """Name the new file after the last numbered one, so it runs last."""
    numbers = [int(p.name[:2]) for p in module_dir.glob("[0-9][0-9]-*.y*ml")]
    return module_dir / f"{max(numbers, default=0) + 1:02d}-{session_id}.yaml"
