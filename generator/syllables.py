"""Syllables of English words, counted by rule, for the reading grade.

A dictionary would be exact for the words it holds, but the CMU Pronouncing
Dictionary takes seconds to load, its Python package is GPL-licensed, and it
lacks words this curriculum needs (naloxone, fentanyl). So words are counted by
rule: vowel groups, with the corrections English spelling needs (silent e,
-le, -ed, -es, vowel pairs said apart as in i-de-a and vid-e-o, y as a vowel,
suffixes and compounds with a silent e inside). tests/test_readability.py
checks the rules against the CMU dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_Y_CONSONANT = re.compile(r"y(?=[aeiou])")  # yes, you, player, beyond
_GROUP = re.compile(r"[aeiouy]+")
# Vowel pairs said as two syllables: i-de-a, vid-e-o, di-et, u-su-al, re-act, cre-ate.
_HIATUS = re.compile(
    r"(?=(i[aou]|eo|ua|uo|ie(?:t|rs?$|st$|nt|nce)|ue(?:l|nt|nce)|eum|ii"
    r"|^rea(?:ct|li|ss|pp|rr|dj)|^rei(?:nf|ns|nt|mb)|^reu[sn]|^pree|^coe[xv]|^coo[rp]|creat(?!u)"
    r"|[aeiouy](?:d|r|s|rh)ea(?=s?$)))"
)
# ...except where the first vowel is only a glide: so-cial, na-tion, re-li-gion, mil-lion, pa-tient.
_GLIDE = re.compile(
    r"(?:[cst]i[ao](?!t|lit)|xi[ou]|shi[ao]|gi[ao]|lli[aou]|ni(?:on|or|en)|vior|riage"
    r"|(?<!s)cien|[st]ien|[gq]u[aoe]|[cg]eou|geo|juan)"
)
# Endings whose e is silent (make, makes, helped, vague), unless they are sounded (table, places, wanted, fire).
_SILENT = re.compile(r"[^aeiouy]e[sd]?$|[aeioun]gues?$")
_SOUNDED = re.compile(r"[^aeiouyl]le[sd]?$|(?:[sxzcg]|ch|sh)es$|[td]ed$|ire[sd]?$")
_EXTRA = re.compile(r"(?:[^aeiouy][ia]sm|thm)s?$")  # crit-i-cis-m, sar-cas-m, al-go-rith-m
# Suffixes counted on their own, so that the stem keeps its silent e: lone-ly, care-ful, move-ment.
_SUFFIXES = (
    ("ically", 2),
    ("fully", 2),
    ("lessly", 2),
    ("ness", 1),
    ("less", 1),
    ("ments", 1),
    ("ment", 1),
    ("ful", 1),
    ("some", 1),
    ("dom", 1),
    ("ly", 1),
    ("ty", 1),
    ("times", 1),
    ("time", 1),
    ("lines", 1),
    ("line", 1),
    ("ing", 1),
)
# Compounds whose first part ends in a silent e: some-thing, home-work, life-style, there-fore.
_HEADS = (
    "some",
    "any",
    "every",
    "home",
    "life",
    "where",
    "there",
    "here",
    "time",
    "side",
    "care",
    "safe",
    "whole",
    "fire",
    "hope",
    "more",
    "one",
    "face",
    "place",
    "make",
    "take",
    "trade",
    "base",
    "name",
    "note",
    "file",
    "phone",
    "smoke",
    "house",
    "nurse",
    "case",
    "love",
    "like",
    "else",
    "guide",
    "frame",
    "state",
    "wide",
    "eye",
)
_VOWEL_TAIL_HEADS = ("where", "there", "here")  # where-ever, there-of, here-by
_CLOSED_HEADS = ("no",)  # no-body, no-thing, but not no-tice
_TAILS = ("one", "body", "thing", "things", "where", "how", "way", "ways", "day", "days", "what", "self", "selves")
EXCEPTIONS = {
    "people": 2,
    "peoples": 2,
    "suicide": 3,
    "suicides": 3,
    "suicidal": 4,
    "heroin": 3,
    "maybe": 2,
    "business": 2,
    "evening": 2,
    "evenings": 2,
    "every": 2,
    "ruin": 2,
    "ruined": 2,
    "whoever": 3,
    "wednesday": 2,
    "ache": 1,
    "aches": 1,
    "headache": 2,
    "headaches": 2,
    "recipe": 3,
    "giant": 2,
    "quiet": 2,
    "poem": 2,
    "poet": 2,
    "cafe": 2,
    "fluid": 2,
    "being": 2,
    "element": 3,
    "elements": 3,
    "increment": 3,
    "timeout": 2,
    "familiar": 3,
    "genuine": 3,
    "genuinely": 4,
    "naive": 2,
    "create": 2,
    "alliance": 3,
    "reliance": 3,
}


def _count(w: str) -> int:
    """Vowel groups, with pairs said apart split and silent endings removed."""
    w = _Y_CONSONANT.sub("q", w.replace("qu", "q"))  # the u of qu is a consonant too
    count = len(_GROUP.findall(w))
    if count == 0:
        return max(1, len(w))  # mg, vs, pm: said letter by letter
    for match in _HIATUS.finditer(w):
        start = match.start()
        if not any(_GLIDE.match(w, max(0, start - back)) for back in (1, 2, 3)):
            count += 1
    if count > 1 and _SILENT.search(w) and not _SOUNDED.search(w):
        count -= 1
    return count + bool(_EXTRA.search(w))


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> int:
    """Syllables of one lower-case word of plain letters."""
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    for head in _HEADS + _CLOSED_HEADS:
        tail = word[len(head) :]
        if not word.startswith(head) or len(tail) < 2:
            continue
        if (
            tail in _TAILS
            or (head in _VOWEL_TAIL_HEADS and _GROUP.search(tail))
            or (head in _HEADS and len(tail) >= 3 and tail[0] not in "aeiouy")
        ):
            return word_syllables(head) + word_syllables(tail)
    for suffix, extra in _SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < (2 if suffix == "ing" else 3) or not _GROUP.search(stem):
            continue
        if suffix == "ty" and not re.search(r"[^aeiou]e$", stem):
            continue  # safe-ty, nine-ty; but pret-ty, so-ci-e-ty
        if stem.endswith("i") and suffix not in ("ing", "ically"):
            stem = stem[:-1] + "y"  # happi-ness is happy + ness
        return word_syllables(stem) + extra
    return _count(word)


_CONTRACTION = re.compile(r"['’](?:s|re|ll|ve|d|m|t)$")


@lru_cache(maxsize=65536)
def syllables(token: str) -> int:
    """Syllables of one word as written: any case, contractions, hyphens, acronyms, numbers."""
    if "-" in token and not token.replace("-", "").isdigit():
        return sum(syllables(part) for part in token.split("-") if part)
    if token.replace("-", "").isdigit():
        return 1  # a numeral reads as easily as a short word, whatever its length
    ascii_token = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode()
    letters = re.sub(r"[^A-Za-z'’]", "", ascii_token)
    if not letters:
        return 1
    if letters.isupper() and len(letters) > 1 and (len(letters) <= 3 or not _GROUP.search(letters.lower())):
        return sum(3 if ch == "W" else 1 for ch in letters if ch.isalpha())  # AA, HIV, CBT: said letter by letter
    word = letters.lower().replace("’", "'")
    if word.endswith("n't"):
        base = word[:-3]
        # did-n't, could-n't, is-n't; but don't, can't, won't, ain't
        return word_syllables(base) + (base not in ("do", "ca", "wo", "ai", "sha"))
    found = _CONTRACTION.search(word)
    if found:
        base = word[: found.start()]
        sibilant = found.group() in ("'s",) and re.search(r"(?:[sxz]|ch|sh|[cg]e)$", base) is not None
        return word_syllables(base) + sibilant if base else 1
    return word_syllables(word.replace("'", ""))
