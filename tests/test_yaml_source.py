"""Reading YAML: positions, YAML 1.2-style scalars, and the traps PyYAML leaves open."""

from __future__ import annotations

from pathlib import Path

from generator.yaml_source import locate, read_yaml


def _read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_yaml(path, "x.yaml")


def test_times_and_norway_stay_text(tmp_path: Path) -> None:
    data, problems = _read(tmp_path, "start: 18:00\nanswer: no\ncountry: NO\nday: 2024-01-01\n")
    assert problems == []
    assert data == {"start": "18:00", "answer": "no", "country": "NO", "day": "2024-01-01"}


def test_numbers_and_booleans_still_parse(tmp_path: Path) -> None:
    data, _ = _read(tmp_path, "minutes: 25\nshare: 0.5\nflag: true\nnothing: null\n")
    assert data == {"minutes": 25, "share": 0.5, "flag": True, "nothing": None}


def test_locate_points_at_values_and_keys(tmp_path: Path) -> None:
    data, _ = _read(tmp_path, "outline:\n  opening:\n    - name: Welcome\n      minutes: ten\n")
    assert locate(data, ("outline", "opening", 0, "minutes")) == (4, 16)
    assert locate(data, ("outline", "opening", 0, "minutes"), at_key=True) == (4, 7)
    # a missing key falls back to the deepest mapping that exists
    assert locate(data, ("outline", "topic", 0)) == (2, 3)


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "id: a\ntitle: A\nid: b\n")
    assert [str(p) for p in problems] == [
        "x.yaml:3:1: error: duplicate key 'id' (first given on line 1); "
        "YAML would silently keep only the last one, so remove or rename one"
    ]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    data, problems = _read(tmp_path, b"\xef\xbb\xbfid: a\r\ntitle: B\r\n")
    assert problems == [] and data == {"id": "a", "title": "B"}
