"""Property tests of the consistency check (issue 10 item 4): a correct generated sentence is
never flagged — the evaluations summary sentence (``evaluations.summary.summary_sentence``)
against the counts it was made from, with the records or without them (an exclusive list made
from counts that keep the year's 20 % cap); and the targets summary sentence
(``targets.summary.summary_sentence``, every form) against its status counts."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dangbo.evaluations.summary import LevelCounts, summary_sentence
from dangbo.reports.consistency import Facts, check
from dangbo.targets.summary import Form
from dangbo.targets.summary import summary_sentence as targets_sentence

counts = st.builds(
    LevelCounts,
    excellent=st.integers(0, 60),
    good=st.integers(0, 300),
    completed=st.integers(0, 30),
    not_completed=st.integers(0, 5),
)
levels = st.sampled_from([None, "htxsnv", "httnv", "htnv", "khtnv"])


def keeps_cap(c: LevelCounts) -> bool:
    """Domain-rules decision 2, default reading: 5 × excellent ≤ excellent + good."""
    return 5 * c.excellent <= c.excellent + c.good


@settings(max_examples=200, deadline=None)
@given(cells=counts, members=counts, collective=levels, zero_pad=st.booleans(),
       year=st.integers(2018, 2026))  # fmt: skip
def test_a_generated_rating_sentence_is_never_flagged_against_its_counts(
    cells, members, collective, zero_pad, year
):
    text = summary_sentence(cells, members, collective=collective, zero_pad=zero_pad) + "."
    facts = Facts(year=year, members=members, cells=cells, collective=collective,
                  member_cap_exception="" if keeps_cap(members) else "QĐ 1",
                  cell_cap_exception="" if keeps_cap(cells) else "QĐ 2")  # fmt: skip
    report = check(text, facts, year=year)
    assert report.ok, (text, report.findings)


@settings(max_examples=200, deadline=None)
@given(cells=counts, members=counts, zero_pad=st.booleans(), year=st.integers(2018, 2026))
def test_an_exclusive_list_from_counts_is_never_flagged_by_the_text_alone(
    cells, members, zero_pad, year
):
    assume(keeps_cap(cells) and keeps_cap(members))
    text = "Kết quả: " + summary_sentence(cells, members, zero_pad=zero_pad) + "."
    report = check(text, None, year=year)
    assert report.ok, (text, report.findings)
    names = ("excellent", "good", "completed", "not_completed")
    rated = sum(1 for c in (cells, members) for name in names if getattr(c, name))
    assert len(report.claims) == rated


statuses = st.fixed_dictionaries({
    s: st.integers(0, 12)
    for s in ("exceeded", "met", "on_track", "behind", "not_met", "not_started", "no_data")
})  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(counts_=statuses, form=st.sampled_from(list(Form)),
       noun=st.sampled_from(["main_targets", "targets", "key_tasks", "criteria"]))  # fmt: skip
def test_a_generated_targets_sentence_is_never_flagged_against_its_counts(counts_, form, noun):
    text = targets_sentence(counts_, noun=noun, form=form)
    facts = Facts(year=2023, targets={k: v for k, v in counts_.items() if v})
    for f in (facts, None):
        report = check(text, f, year=2023)
        assert report.ok, (text, report.findings)
