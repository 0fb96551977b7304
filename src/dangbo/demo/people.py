"""Synthetic people for the demo. Pure Python, no ORM.

Every person is made up: names come from Faker's ``vi_VN`` lists (family name, middle name,
given name — the Vietnamese order; Faker's own ``name()`` gives Western order with
honorifics), everything else from a ``random.Random`` seeded per hospital. The same seed gives
the same people, dates and numbers on every run.

One exception, on purpose: probationary members are admitted a fixed number of days before
*today* (``today`` argument, ``timezone.localdate()`` in the loader), so that the "probation due
within 60 days" page always has a few people to show. The random draws never depend on
``today``, so names and numbers stay identical from day to day; only those dates move.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from faker import Faker

from dangbo.core.dates import add_months
from dangbo.demo import data
from dangbo.organizations.rules import cell_elects_committee

FULL = "full"
PROBATIONARY = "probationary"
TRANSFERRED_OUT = "transferred_out"

# Middle names (from Faker's list) that fit each gender.
MALE_MIDDLE = frozenset(
    {"Văn", "Quang", "Đức", "Trí", "Xuân", "Hoàng", "Hải", "Thế", "Tấn", "Phú", "Hữu", "Bảo"}
)
FEMALE_MIDDLE = frozenset({"Thị", "Xuân", "Mai", "Bảo", "Hoàng", "Mai Bảo"})

# Position order when choosing a cell's secretary: heads first, the hospital board last (the
# director already leads the Đảng ủy).
_POSITION_ORDER = {"head": 0, "deputy": 1, "third": 2, "staff": 3, "board": 4}
_DUE_PER_HOSPITAL = 3  # probationary members whose 12 months end within the next 60 days


@dataclass(eq=False)  # identity: people are compared and hashed as objects
class Person:
    index: int
    cell_code: str
    department: str
    position: str  # board | head | deputy | third | staff
    nth: int  # n-th holder of the same job title in the department
    job_title: str
    professional_title: str
    gender: str = ""
    full_name: str = ""
    date_of_birth: dt.date = dt.date(1980, 1, 1)
    ethnicity: str = "Kinh"
    religion: str = "Không"
    home_town: str = ""
    citizen_id: str = ""
    dossier_number: str = ""
    card_number: str | None = None
    phone: str = ""
    admitted_on: dt.date = dt.date(2000, 1, 1)
    full_on: dt.date | None = None
    status: str = FULL
    exempt_since: dt.date | None = None
    suspended_since: dt.date | None = None
    transferred_on: dt.date | None = None
    military_rank: str = ""
    former: bool = False  # left before today, added for a past year's roster (never on a committee)
    fixed_gender: str | None = field(default=None, repr=False)
    fixed_rank: str = field(default="", repr=False)

    @property
    def family_middle(self) -> str:
        return self.full_name.rsplit(" ", 1)[0]

    @property
    def given(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1]

    @property
    def is_available(self) -> bool:
        """Active, full, neither exempt nor suspended: can hold a post or an account."""
        return self.status == FULL and not self.exempt_since and not self.suspended_since


class Generator:
    """Draws people for one hospital. ``used_names`` and ``taken`` are shared across hospitals
    so that names, card numbers, citizen IDs and phones are unique in the whole demo."""

    def __init__(
        self,
        spec: data.HospitalSpec,
        *,
        used_names: set[str],
        taken_cards: set[str],
        taken_other: set[str],
    ) -> None:
        self.spec = spec
        self.rng = random.Random(f"{data.SEED}-{spec.code}")
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(data.SEED + spec.seed_offset)
        self.used_names = used_names
        self.taken_cards = taken_cards
        self.taken_other = taken_other

    # ---- primitives ---------------------------------------------------------------------
    def _weighted(self, items: Sequence[tuple[str, int]]) -> str:
        return self.rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]

    def _date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def _unique_digits(self, prefix: str, length: int, taken: set[str]) -> str:
        while True:
            value = prefix + "".join(str(self.rng.randrange(10)) for _ in range(length))
            if value not in taken:
                taken.add(value)
                return value

    def name(self, gender: str) -> str:
        """A unique full name in Vietnamese order, every part from Faker's vi_VN lists."""
        for _ in range(10_000):
            family = self.fake.last_name()
            if gender == "female":
                middle = "Thị" if self.rng.random() < 0.55 else self._middle(FEMALE_MIDDLE)
                given = self.fake.first_name_female()
            else:
                middle = self._middle(MALE_MIDDLE)
                given = self.fake.first_name_male()
            if {family, given} & set(middle.split()) or family == given:
                continue  # no "Hoàng Hoàng Mai" or "Mai Thị Mai"
            full = f"{family} {middle} {given}"
            if full not in self.used_names and full not in data.PUBLIC_FIGURES:
                self.used_names.add(full)
                return full
        raise RuntimeError("Faker's vi_VN name lists are exhausted")  # pragma: no cover

    def _middle(self, allowed: frozenset[str]) -> str:
        while True:
            middle = self.fake.middle_name()
            if middle in allowed:
                return middle

    # ---- slots ------------------------------------------------------------------------
    def slots(self) -> list[Person]:
        """One empty Person per seat in every cell: board, heads, deputies, then staff."""
        profiles = dict(self.spec.departments)
        people: list[Person] = []
        for cell in self.spec.cells:
            cell_people: list[Person] = []
            # Keep about a third of a cell for staff; leaders come first.
            max_positions = max(cell.size - max(cell.size // 3, 1), 1)
            posts: list[Person] = []
            for dept in cell.departments:
                if profiles[dept] == data.BOARD:
                    seen: dict[str, int] = {}
                    for seat in self.spec.board:
                        nth = seen.get(seat.job_title, 0)
                        seen[seat.job_title] = nth + 1
                        cell_people.append(
                            Person(0, cell.code, dept, "board", nth, seat.job_title,
                                   self.rng.choice(seat.titles), fixed_gender=seat.gender,
                                   fixed_rank=seat.rank if self.spec.is_military else "")
                        )  # fmt: skip
            for position in ("head", "deputy", "third"):
                for dept in cell.departments:
                    profile = profiles[dept]
                    if profile == data.BOARD:
                        continue
                    titles = data.TITLES[profile]
                    office = data.PROFILE_KIND[profile] == "office"
                    if position == "head":
                        job = "Trưởng phòng" if office else "Trưởng khoa"
                        prof = self.rng.choice(titles.head)
                    elif position == "deputy":
                        job = "Phó trưởng phòng" if office else "Phó trưởng khoa"
                        prof = self.rng.choice(titles.deputy)
                    elif titles.third:
                        job, prof = titles.third
                    else:
                        continue
                    posts.append(Person(0, cell.code, dept, position, 0, job, prof))
            room = max_positions - len(cell_people)
            cell_people.extend(posts[: max(room, 1)])
            staff_depts = [d for d in cell.departments if profiles[d] != data.BOARD]
            weights = [3 if i == 0 else 2 for i in range(len(staff_depts))]
            while len(cell_people) < cell.size:
                dept = self.rng.choices(staff_depts, weights=weights)[0]
                prof = self._weighted(data.TITLES[profiles[dept]].staff)
                cell_people.append(Person(0, cell.code, dept, "staff", 0, "", prof))
            people.extend(cell_people)
        for i, person in enumerate(people):
            person.index = i
        return people

    # ---- people -----------------------------------------------------------------------
    def people(self, today: dt.date) -> list[Person]:
        people = self.slots()
        staff = [p for p in people if p.position == "staff"]
        picks = self.rng.sample(
            staff, self.spec.probationary + self.spec.exempt + self.spec.suspended
        )
        n = self.spec.probationary
        probationary = picks[:n]
        exempt = picks[n : n + self.spec.exempt]
        suspended = picks[n + self.spec.exempt :]
        # Probation end, in days from today: a few within 60 days, the rest later.
        offsets = [self.rng.randrange(5, 56) for _ in range(_DUE_PER_HOSPITAL)]
        offsets += [self.rng.randrange(75, 331) for _ in range(len(probationary) - len(offsets))]
        for p, offset in zip(probationary, offsets, strict=True):
            p.status = PROBATIONARY
            p.admitted_on = add_months(today + dt.timedelta(days=offset), -12)
        for person in people:
            self._fill(person, exempt=person in exempt)
        # Moved out in the second half of 2024, at least a year after becoming full members.
        movable = [
            p for p in staff
            if p.status == FULL and p not in picks and p.full_on and p.full_on < dt.date(2023, 6, 1)
        ]  # fmt: skip
        transferred = self.rng.sample(movable, self.spec.transferred_out)
        for p in transferred:
            p.status = TRANSFERRED_OUT
        for p in exempt:
            p.exempt_since = self._date_between(dt.date(2024, 1, 1), dt.date(2025, 12, 31))
        for p in suspended:
            p.suspended_since = self._date_between(dt.date(2025, 9, 1), dt.date(2025, 12, 15))
        for p in transferred:
            p.transferred_on = self._date_between(dt.date(2024, 6, 1), dt.date(2024, 12, 15))
        return people

    def _birth_range(self, person: Person, exempt: bool) -> tuple[int, int]:
        if exempt:
            return 1965, 1967
        if person.status == PROBATIONARY:
            return 1990, 2000
        return {
            "board": (1965, 1975), "head": (1966, 1982), "deputy": (1972, 1988),
            "third": (1970, 1986),
        }.get(person.position, (1975, 2000))  # fmt: skip

    def _fill(self, p: Person, *, exempt: bool) -> None:
        spec = self.spec
        first, last = self._birth_range(p, exempt)
        p.date_of_birth = self._date_between(dt.date(first, 1, 1), dt.date(last, 12, 31))
        share = data.FEMALE_SHARE.get(p.professional_title, 0.5)
        if spec.is_military and (
            p.professional_title in data.DOCTOR_TITLES or p.position != "staff"
        ):
            share *= data.MILITARY_FEMALE_FACTOR
        p.gender = p.fixed_gender or ("female" if self.rng.random() < share else "male")
        p.full_name = self.name(p.gender)
        place = self.rng.choices(spec.places, weights=[pl.weight for pl in spec.places])[0]
        p.home_town = place.home_town
        p.ethnicity = self._weighted(spec.ethnicities)
        p.religion = self._weighted(data.RELIGIONS)
        century = 0 if p.date_of_birth.year < 2000 else 2
        sex_digit = century + (1 if p.gender == "female" else 0)
        p.citizen_id = self._unique_digits(
            f"{place.citizen_prefix}{sex_digit}{p.date_of_birth.year % 100:02d}", 6,
            self.taken_other,
        )  # fmt: skip
        p.dossier_number = self._unique_digits("", 6, self.taken_other) + spec.dossier_code
        p.phone = self._unique_digits("09", 8, self.taken_other)
        # Admission: position holders at 22–33, others at 20–35, never before 18.
        low, high = (22, 33) if p.position != "staff" else (20, 35)
        earliest = add_months(p.date_of_birth, 12 * low)
        latest = min(add_months(p.date_of_birth, 12 * high), data.LATEST_FULL_ADMISSION)
        if earliest > latest:
            earliest = add_months(p.date_of_birth, 12 * 18)
        admitted = self._date_between(earliest, latest)
        card = self._unique_digits(str(self.rng.randrange(1, 10)), 7, self.taken_cards)
        if p.status == PROBATIONARY:  # admitted_on was set from today; no card yet
            p.full_on, p.card_number = None, None
        else:
            p.admitted_on = admitted
            p.full_on = add_months(admitted, 12)
            p.card_number = card
        p.military_rank = self._rank(p) if spec.is_military else ""

    def _rank(self, p: Person) -> str:
        if p.fixed_rank:
            return p.fixed_rank
        age = data.REFERENCE_DATE.year - p.date_of_birth.year
        officer = (
            p.position in ("board", "head", "deputy")
            or p.professional_title in data.DOCTOR_TITLES
            or dict(self.spec.departments)[p.department] == data.POLITICAL
        )
        civilian = self.rng.random() < 0.3  # drawn for everyone: keeps the sequence stable
        if officer:
            return next(rank for min_age, rank in data.OFFICER_RANK_BY_AGE if age >= min_age)
        if civilian:
            return ""  # công nhân viên quốc phòng (CNV): no rank
        return next(rank for min_age, rank in data.QNCN_RANK_BY_AGE if age >= min_age)

    def former_members(self, people: list[Person]) -> list[Person]:
        """Members who were rated in ``spec.rated_roster``'s year and have left since, so that
        year's roster has the published size. Drawn after every hospital's people with their own
        random stream: today's people, committees and accounts are unchanged."""
        if self.spec.rated_roster is None:
            return []
        year, size = self.spec.rated_roster
        mid_year = dt.date(year, 6, 30)
        rated = sum(
            p.admitted_on <= mid_year and (p.transferred_on is None or p.transferred_on.year > year)
            for p in people
        )  # fmt: skip
        profiles = dict(self.spec.departments)
        cells = [c for c in self.spec.cells]
        out: list[Person] = []
        for i in range(size - rated):
            cell = self.rng.choices(cells, weights=[c.size for c in cells])[0]
            depts = [d for d in cell.departments if profiles[d] != data.BOARD] or [
                cell.departments[0]
            ]
            dept = self.rng.choice(depts)
            prof = (
                self._weighted(data.TITLES[profiles[dept]].staff)
                if profiles[dept] != data.BOARD
                else ""
            )
            p = Person(len(people) + i, cell.code, dept, "staff", 0, "", prof, former=True)
            self._fill(p, exempt=False)
            if p.admitted_on > dt.date(year - 1, 6, 30):  # a full member by the rated year
                earliest = max(dt.date(year - 12, 1, 1), add_months(p.date_of_birth, 12 * 20))
                p.admitted_on = self._date_between(earliest, dt.date(year - 1, 6, 30))
                p.full_on = add_months(p.admitted_on, 12)
            p.status = TRANSFERRED_OUT
            p.transferred_on = self._date_between(
                dt.date(year + 1, 2, 1), dt.date(year + 3, 12, 15)
            )
            out.append(p)
        return out

    def extra_names(self, count: int) -> list[tuple[str, str]]:
        """(full name, gender) of people who have an account but no member record."""
        out = []
        for _ in range(count):
            gender = "female" if self.rng.random() < 0.5 else "male"
            out.append((self.name(gender), gender))
        return out


# ---- committees (pure selection over Person lists) --------------------------------------
def holder(people: Iterable[Person], department: str, job_title: str, nth: int = 0) -> Person:
    matches = [p for p in people if p.department == department and p.job_title == job_title]
    if len(matches) <= nth:
        raise LookupError(f"no {job_title} #{nth} in {department}")
    return matches[nth]


def cell_committee(cell_people: Sequence[Person], starts_on: dt.date) -> list[tuple[str, Person]]:
    """(role, person) of a cell's committee elected on ``starts_on``: a chi ủy (secretary,
    deputy, members) when the cell then had ≥ 9 full members, otherwise only a secretary."""
    full_then = [
        p for p in cell_people
        if not p.former
        and p.status != PROBATIONARY and p.full_on is not None and p.full_on <= starts_on
        and (p.transferred_on is None or p.transferred_on > starts_on)
    ]  # fmt: skip
    candidates = sorted(
        (p for p in full_then if p.is_available),
        key=lambda p: (_POSITION_ORDER[p.position], p.index),
    )
    if not candidates:
        return []
    if not cell_elects_committee(len(full_then)):
        return [("secretary", candidates[0])]
    size = 5 if len(full_then) >= 15 else 3
    roles = ["secretary", "deputy_secretary"] + ["member"] * (size - 2)
    return list(zip(roles, candidates, strict=False))


def hospital_committee(people: Sequence[Person], term: data.TermSpec) -> list[tuple[str, Person]]:
    return [(seat.role, holder(people, seat.department, seat.job_title, seat.nth))
            for seat in term.executive]  # fmt: skip


def generate(
    today: dt.date, *, taken_cards: Iterable[str] = ()
) -> tuple[dict[str, list[Person]], dict[str, list[tuple[str, str]]]]:
    """People of every demo hospital (by hospital code) and the names of the account holders
    who are not members (superior reader, communications; ``"admin"`` for the administrator)."""
    used_names: set[str] = set()
    cards = set(taken_cards)
    other: set[str] = set()
    people: dict[str, list[Person]] = {}
    extras: dict[str, list[tuple[str, str]]] = {}
    for spec in data.HOSPITALS:
        gen = Generator(spec, used_names=used_names, taken_cards=cards, taken_other=other)
        people[spec.code] = gen.people(today)
        extras[spec.code] = gen.extra_names(3 if spec is data.HOSPITALS[-1] else 2)
    last = data.HOSPITALS[-1].code
    extras["admin"] = [extras[last].pop()]
    for spec in data.HOSPITALS:  # after everyone else: today's people stay as they were
        gen = Generator(spec, used_names=used_names, taken_cards=cards, taken_other=other)
        gen.rng = random.Random(f"{data.SEED}-{spec.code}-former")
        people[spec.code] += gen.former_members(people[spec.code])
    return people, extras
