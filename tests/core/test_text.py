"""core/text.py — domain-rules §7 [N1] (Vietnamese alphabet, tones after letters) and [N2]
(people sorted by given name, then middle name(s), then family name)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.core.text import fold, name_sort_key, nfc, normalize_name, split_name


def test_fold_drops_diacritics_case_and_maps_d_stroke():
    assert fold("Đào Thiện Tiến") == "dao thien tien"
    assert fold("NGUYỄN THỊ ÁNH") == "nguyen thi anh"
    assert fold("  Lê   Văn  ") == "le van"


def test_fold_treats_nfd_input_like_nfc():
    decomposed = unicodedata.normalize("NFD", "Đào Thiện Tiến")
    assert fold(decomposed) == fold("Đào Thiện Tiến")
    assert nfc(decomposed) == "Đào Thiện Tiến"


def test_normalize_name_capitalises_each_word():
    assert normalize_name("  đào   thiện TIẾN ") == "Đào Thiện Tiến"


def test_split_name_family_middle_given():
    assert split_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")
    assert split_name("Lê Lợi") == ("Lê", "", "Lợi")
    assert split_name("Tiến") == ("", "", "Tiến")


def _sorted(names):
    return sorted(names, key=name_sort_key)


def test_N2_people_sort_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị Cúc", "Đào Thiện Tiến"]
    assert _sorted(names) == ["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc", "Đào Thiện Tiến"]


def test_N2_then_middle_then_family_name():
    names = ["Trần Văn An", "Nguyễn Văn An", "Lê Thị An", "Nguyễn An"]
    assert _sorted(names) == ["Nguyễn An", "Lê Thị An", "Nguyễn Văn An", "Trần Văn An"]


def test_N1_vietnamese_alphabet_order_of_letters():
    # a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
    given_names = ["Ân", "Ăn", "An", "Đông", "Dũng", "Ơn", "Ôn", "On", "Ưng", "Ung"]
    names = [f"Nguyễn Văn {g}" for g in given_names]
    order = [split_name(n)[2] for n in _sorted(names)]
    assert order == ["An", "Ăn", "Ân", "Dũng", "Đông", "On", "Ôn", "Ơn", "Ung", "Ưng"]


def test_N1_tones_compare_after_letters():
    # Letters decide first: "Anh" (any tone) after "An" (any tone); then tones:
    # none, huyền, hỏi, ngã, sắc, nặng (CLDR/ICU Vietnamese order).
    words = ["Ạn", "Án", "Ãn", "Ản", "Àn", "An", "Anh"]
    order = [split_name(n)[2] for n in _sorted([f"Lê {w}" for w in words])]
    assert order == ["An", "Àn", "Ản", "Ãn", "Án", "Ạn", "Anh"]


def test_N1_shorter_prefix_first():
    assert _sorted(["Lê Thanh", "Lê Than", "Lê Tha"]) == ["Lê Tha", "Lê Than", "Lê Thanh"]


def test_sort_key_ignores_case_and_normalisation_form():
    a = name_sort_key("ĐÀO THIỆN TIẾN")
    b = name_sort_key(unicodedata.normalize("NFD", "đào thiện tiến"))
    assert a == b


@given(st.text(min_size=0, max_size=40))
def test_sort_key_is_digits_only_so_every_database_collation_agrees(name):
    key = name_sort_key(name)
    assert key.isdigit() or key == ""


@given(st.text(max_size=40))
def test_fold_is_idempotent_and_mark_free(text):
    once = fold(text)
    assert fold(once) == once
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", once))


vi_letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


@given(
    st.tuples(st.text(alphabet=vi_letters, min_size=1, max_size=6), st.sampled_from(tones)),
    st.tuples(st.text(alphabet=vi_letters, min_size=1, max_size=6), st.sampled_from(tones)),
)
def test_N1_letters_dominate_tones(a, b):
    """Two given names whose letters differ sort by letters, whatever their tones."""
    x, y = nfc(a[0] + a[1]), nfc(b[0] + b[1])
    if _letters_key(x) != _letters_key(y):
        kx, ky = name_sort_key(f"Lê {x}"), name_sort_key(f"Lê {y}")
        assert (kx < ky) == (_letters_key(x) < _letters_key(y))


def _strip_tones(word):
    tone_marks = set(tones[1:])
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in tone_marks)
    )


def _letters_key(word):
    return [vi_letters.index(c) for c in _strip_tones(word.lower())]


@pytest.mark.django_db
def test_N1_matches_icu_vietnamese_collation_on_postgresql():
    """On PostgreSQL (CI), compare single-word order with ICU's Vietnamese collation."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ICU collation is checked on the PostgreSQL run")
    words = ["an", "àn", "ản", "ãn", "án", "ạn", "ăn", "ân", "anh", "ba", "đa", "da", "ơn",
             "ôn", "on", "ưng", "ung", "thanh", "than", "tha", "yến", "xuân"]  # fmt: skip
    with connection.cursor() as cur:
        cur.execute('select w from unnest(%s::text[]) as w order by w collate "vi-x-icu"', [words])
        icu_order = [r[0] for r in cur.fetchall()]
    assert sorted(words, key=lambda w: name_sort_key(w)) == icu_order
