"""The demo's ratings and commendations (issue 9, item 9; seed 003): Hà Đông's 2021 evaluation
with the published figures, the superior's (demo) exception to the cells' cap, the recognition
and that year's commendations; the 2023 campaign of the other hospital in progress."""

from __future__ import annotations

from collections import Counter

from dangbo.awards import queries as award_queries
from dangbo.awards import summary as award_summary
from dangbo.evaluations import snapshot
from dangbo.evaluations.models import Campaign, Rating
from dangbo.organizations.models import Organization


def _levels(campaign: Campaign, kind: str) -> Counter[str]:
    return Counter(
        Rating.objects.filter(campaign=campaign, subject_kind=kind, not_rated_reason="")
        .values_list("decided_level", flat=True)
    )  # fmt: skip


def test_ha_dong_2021_has_the_published_figures(demo):
    campaign = Campaign.objects.get(organization__code="HD", year=2021)
    assert campaign.status == "finalized"
    # seed 003: "7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 … tốt, 04 … hoàn thành nhiệm vụ"
    assert _levels(campaign, "cell") == {"htxsnv": 7, "httnv": 22, "htnv": 4}
    # "51 đảng viên hoàn thành xuất sắc nhiệm vụ, 205 … tốt …; 05 … hoàn thành nhiệm vụ"
    assert _levels(campaign, "member") == {"htxsnv": 51, "httnv": 205, "htnv": 5}
    assert _levels(campaign, "collective") == {"htxsnv": 1}  # "Tập thể lãnh đạo … xuất sắc"
    org = Rating.objects.get(campaign=campaign, subject_kind="organization")
    assert org.decided_level == "htxsnv" and org.recognition  # "trong sạch, vững mạnh tiêu biểu"
    # every member of that year is rated: nobody listed as not rated
    assert not Rating.objects.filter(campaign=campaign).exclude(not_rated_reason="").exists()


def test_ha_dong_2021_breaks_the_cell_cap_only_with_the_recorded_exception(demo):
    """Domain-rules decision 2: 7 excellent of 29 cells (good or above) breaks the cap under
    both readings; the superior's exception (demo data) turns it into an accepted warning, and
    51 / 256 members pass under ``good_or_above``."""
    campaign = Campaign.objects.get(organization__code="HD", year=2021)
    assert campaign.cell_cap_exception and campaign.is_demo_exception
    assert not campaign.member_cap_exception
    violations = snapshot.ruleset_for(2021).check(snapshot.build(campaign).snapshot)
    # The 2021 year-end checkpoint is frozen (issue 10, item 7: HD_2021, 6/6 targets met), so
    # the targets rule is checked and passes: only the cap's accepted warning remains.
    assert {v.code for v in violations} == {"cell_cap"}
    assert all(v.severity == "warning" and v.justified for v in violations)
    cap = next(v for v in violations if v.code == "cell_cap")
    assert "7 / 29 = 24,1%" in cap.message and "7 / 22" in cap.message


def test_ha_dong_2021_commendations_sentence(demo):
    hospital = Organization.objects.get(code="HD")
    items = award_queries.summary_items(award_queries.awards(hospital, 2021))
    assert award_summary.summary_sentence(items) == (
        "01 bằng khen cá nhân của Thủ tướng Chính phủ; 03 bằng khen tập thể và 03 bằng khen cá "
        "nhân của UBND Thành phố Hà Nội; 01 giấy khen tập thể của Quận ủy Hà Đông."
    )


def test_quan_dan_y_2023_campaign_is_in_progress_with_work_for_each_role(demo):
    campaign = Campaign.objects.get(organization__code="QDY", year=2023)
    assert campaign.status == "open"
    ratings = Rating.objects.filter(campaign=campaign, not_rated_reason="")
    member = ratings.get(member__roles__user__username="dangvien.qdy")
    assert not member.self_level  # the demo member has her self-assessment to do
    secretary_cell = (
        Organization.objects.filter(roles__user__username="bithu.qdy").values("pk").get()["pk"]
    )
    assert not ratings.filter(organization_id=secretary_cell).exclude(proposed_level="").exists()
    assert ratings.exclude(proposed_level="").count() > 20  # other cells have proposed
    assert not ratings.exclude(decided_level="").exists()  # the office decides
