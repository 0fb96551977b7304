"""The summary sentence of a year's commendations (issue 9, item 6), checked against seed 003:
the 2021 year-end report of Đảng bộ Bệnh viện Đa khoa Hà Đông — "Thủ tướng tặng 01 bằng khen cá
nhân, UBND TPHN tặng 03 bằng khen tập thể, 03 bằng khen cá nhân … Đảng bộ Quận Hà Đông tặng
giấy khen Đảng bộ BVĐK Hà Đông". No database."""

from __future__ import annotations

from dangbo.awards.summary import (
    NONE_SENTENCE,
    AwardItem,
    count_text,
    join_parts,
    summary_sentence,
)


def _items(kind, level, collective, n, name=""):
    return [AwardItem(kind, level, collective, name)] * n


SEED_003_2021 = [
    # listed out of order: the sentence orders by issuer level, collective before individual
    *_items("giay_khen", "district_committee", True, 1, "Quận ủy Hà Đông"),
    *_items("bang_khen", "provincial_people", False, 3),
    *_items("bang_khen", "prime_minister", False, 1),
    *_items("bang_khen", "provincial_people", True, 3),
]


def test_seed_003_the_2021_commendations_of_ha_dong_hospital():
    assert summary_sentence(SEED_003_2021) == (
        "01 bằng khen cá nhân của Thủ tướng Chính phủ; "
        "03 bằng khen tập thể và 03 bằng khen cá nhân của UBND Thành phố; "
        "01 giấy khen tập thể của Quận ủy Hà Đông."
    )


def test_no_award():
    assert summary_sentence([]) == NONE_SENTENCE == "Chưa có khen thưởng nào."


def test_counts_are_zero_padded_to_two_digits():
    assert [count_text(n) for n in (1, 9, 12, 105)] == ["01", "09", "12", "105"]


def test_parts_joined_by_commas_and_the_last_by_va():
    assert join_parts(["a"]) == "a"
    assert join_parts(["a", "b"]) == "a và b"
    assert join_parts(["a", "b", "c"]) == "a, b và c"


def test_kinds_in_order_within_one_issuer_and_issuers_by_name_within_a_level():
    items = [
        *_items("giay_khen", "grassroots_committee", False, 12),
        *_items("bang_khen", "grassroots_committee", True, 2),
        *_items("co_thi_dua", "provincial_people", True, 1, "UBND tỉnh B"),
        *_items("bang_khen", "provincial_people", True, 1, "UBND tỉnh A"),
    ]
    assert summary_sentence(items) == (
        "01 bằng khen tập thể của UBND tỉnh A; 01 cờ thi đua tập thể của UBND tỉnh B; "
        "02 bằng khen tập thể và 12 giấy khen cá nhân của Đảng ủy bệnh viện."
    )


def test_a_blank_issuer_name_falls_back_to_the_level():
    items = [AwardItem("bang_khen", "provincial_people", False, "  "),
             AwardItem("bang_khen", "provincial_people", False, "")]  # fmt: skip
    assert summary_sentence(items) == "02 bằng khen cá nhân của UBND Thành phố."
