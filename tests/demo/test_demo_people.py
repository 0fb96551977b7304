"""The demo's static description and its people generator (pure Python, no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys

import pytest

from dangbo.demo import data
from dangbo.demo.people import FULL, PROBATIONARY, Person, cell_committee, generate
from dangbo.members import rules as member_rules

TODAY = dt.date(2026, 11, 23)


def as_rows(people: dict[str, list[Person]]) -> list[tuple[object, ...]]:
    return [dataclasses.astuple(p) for code in sorted(people) for p in people[code]]


def test_the_description_adds_up():
    assert len(data.HD.cells) == 33
    assert data.HD.active_members == 261
    assert 15 <= len(data.QDY.cells) <= 20
    assert 150 <= data.QDY.active_members <= 200
    codes = list(data.all_codes())
    assert len(codes) == len(set(codes))
    for spec in data.HOSPITALS:
        departments = [d for d, _ in spec.departments]
        assert len(departments) == len(set(departments))
        used = {d for c in spec.cells for d in c.departments}
        assert used == set(departments), spec.code
        assert all(c.code.startswith(f"{spec.code}-CB") for c in spec.cells)
        assert spec.account_cell in {c.code for c in spec.cells}


def test_same_seed_same_people():
    first, extras_first = generate(TODAY)
    second, extras_second = generate(TODAY)
    assert as_rows(first) == as_rows(second)
    assert extras_first == extras_second


def test_only_probationary_admissions_follow_today():
    now, _ = generate(TODAY)
    later, _ = generate(TODAY + dt.timedelta(days=45))
    for a, b in zip(now["HD"] + now["QDY"], later["HD"] + later["QDY"], strict=True):
        assert (a.full_name, a.card_number, a.citizen_id, a.date_of_birth) == (
            b.full_name, b.card_number, b.citizen_id, b.date_of_birth,
        )  # fmt: skip
        if a.status == PROBATIONARY:
            assert 44 <= (b.admitted_on - a.admitted_on).days <= 46  # month-end clamping
        else:
            assert a.admitted_on == b.admitted_on and a.full_on == b.full_on


def test_same_people_whatever_the_hash_seed():
    """Nothing depends on set or dict iteration order that PYTHONHASHSEED would change."""
    code = (
        "import hashlib, dataclasses, datetime as dt;"
        "from dangbo.demo.people import generate;"
        "p, e = generate(dt.date(2026, 11, 23));"
        "rows = [dataclasses.astuple(x) for k in sorted(p) for x in p[k]];"
        "print(hashlib.sha256(repr((rows, e)).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("spec", data.HOSPITALS, ids=lambda s: s.code)
def test_probationary_members_and_those_due_soon(spec):
    people, _ = generate(TODAY)
    probationary = [p for p in people[spec.code] if p.status == PROBATIONARY]
    assert len(probationary) == spec.probationary
    due = [
        p for p in probationary if member_rules.probation_due(p.admitted_on, p.status, TODAY, 60)
    ]
    assert 1 <= len(due) <= 5
    for p in probationary:
        assert TODAY - dt.timedelta(days=366) < p.admitted_on < TODAY
        assert p.card_number is None and p.full_on is None


def test_card_numbers_avoid_numbers_already_taken():
    people, _ = generate(TODAY)
    taken = {p.card_number for p in people["QDY"][:20] if p.card_number}
    again, _ = generate(TODAY, taken_cards=taken)
    cards = {p.card_number for code in again for p in again[code] if p.card_number}
    assert not cards & taken
    assert all(len(c) == 8 and c.isdigit() for c in cards)


def _person(i: int, position: str = "staff", status: str = FULL) -> Person:
    full_on = None if status == PROBATIONARY else dt.date(2015, 1, 1)
    return Person(i, "X-CB01", "Khoa Nội", position, 0, "", "Điều dưỡng", status=status,
                  full_on=full_on, admitted_on=dt.date(2014, 1, 1))  # fmt: skip


def test_cell_with_nine_full_members_elects_a_chi_uy():
    cell = [_person(0, "head"), _person(1, "deputy")] + [_person(i) for i in range(2, 9)]
    seats = cell_committee(cell, dt.date(2025, 3, 15))
    assert [role for role, _ in seats] == ["secretary", "deputy_secretary", "member"]
    assert seats[0][1] is cell[0] and seats[1][1] is cell[1]


def test_smaller_cell_elects_only_a_secretary():
    cell = [_person(0, "staff"), _person(1, "head")] + [_person(i) for i in range(2, 8)]
    cell += [_person(i, status=PROBATIONARY) for i in range(8, 12)]  # 8 full, 4 probationary
    seats = cell_committee(cell, dt.date(2025, 3, 15))
    assert seats == [("secretary", cell[1])]


def test_member_not_yet_full_at_the_election_does_not_count():
    cell = [_person(i) for i in range(9)]
    cell[8].full_on = dt.date(2025, 6, 1)
    assert [r for r, _ in cell_committee(cell, dt.date(2025, 3, 15))] == ["secretary"]
