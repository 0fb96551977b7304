"""core/numbers.py and core/forms.py — numbers the Vietnamese way: "." (or a space) groups
thousands, "," separates decimals, and a "." not followed by 3-digit groups is refused with
both readings."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.core.forms import VNDecimalField, VNStatedDecimalField
from dangbo.core.numbers import NumberError, format_number, parse_number, parse_stated

SPACES = [" ", "\u00a0", "\u202f", "\u2009"]


def refusal(text: str, **limits) -> NumberError:
    with pytest.raises(NumberError) as info:
        parse_number(text, **limits)
    assert str(info.value) == info.value.message
    return info.value


# ---------------------------------------------------------------- accepted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("185.300", "185300"),
        ("185 300", "185300"),
        ("185\u00a0300", "185300"),
        ("185\u202f300", "185300"),
        ("185\u2009300", "185300"),
        ("1.250.000", "1250000"),
        ("1 250 000", "1250000"),
        ("185300", "185300"),
        ("97,5", "97.5"),
        ("1.250,5", "1250.5"),
        ("1 250,5", "1250.5"),
        ("0,5", "0.5"),
        (",5", "0.5"),
        ("-3,5", "-3.5"),
        ("\u22123,5", "-3.5"),
        ("+7", "7"),
        ("  97,5  ", "97.5"),
        ("97,5%", "97.5"),
        ("97,5 %", "97.5"),
        ("\u00a0-1.250,75\u00a0", "-1250.75"),
        ("1,250", "1.250"),  # the comma is the decimal separator: 1,25
        ("007", "7"),
        ("0", "0"),
        ("123456789012345678901234567890,123", "123456789012345678901234567890.123"),
    ],
)
def test_accepted(text, expected):
    assert parse_number(text) == Decimal(expected)


def test_exact_decimal_keeps_the_digits_as_written():
    assert parse_number("97,50").as_tuple() == Decimal("97.50").as_tuple()


def test_negative_zero_is_zero():
    for text in ("-0", "-0,0", "\u22120,00"):
        value = parse_number(text)
        assert value == 0
        assert not value.is_signed()


# ---------------------------------------------------------------- refused


@pytest.mark.parametrize(
    ("text", "decimal_reading", "integer_reading"),
    [
        ("1.5", "1,5", "15"),
        ("97.25", "97,25", "9.725"),
        ("0.5", "0,5", "5"),
        ("1.2345", "1,2345", "12.345"),
        ("0.500", "0,500", "500"),  # a grouped number never starts with 0
        ("1234.567", "1234,567", "1.234.567"),  # first group longer than 3 digits
        ("-1.5", "-1,5", "-15"),
        ("1.5%", "1,5%", "15%"),
    ],
)
def test_ambiguous_dot_is_refused_with_both_readings(text, decimal_reading, integer_reading):
    error = refusal(text)
    assert error.code == "invalid"
    assert error.message == (
        f"“{text}” có thể hiểu là {decimal_reading} hoặc {integer_reading}. "
        f"Viết {decimal_reading} nếu là số thập phân, {integer_reading} nếu là số nguyên."
    )


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("1,250.5", "1.250,5"), ("1,250,000", "1.250.000"), ("-12,345,678.25", "-12.345.678,25")],
)
def test_english_writing_is_refused_with_the_vietnamese_spelling(text, suggestion):
    error = refusal(text)
    assert f"“{text}”" in error.message
    assert "tiếng Anh" in error.message
    assert error.message.endswith(f"hãy viết {suggestion}.")


@pytest.mark.parametrize(
    "text", ["abc", "1e30", "1E5", "NaN", "nan", "Infinity", "-Infinity", "inf", "12a", "%", "-"]
)
def test_not_a_number(text):
    error = refusal(text)
    assert error.message == (
        f"“{text}” không phải là một số. Hãy viết số theo cách Việt Nam, ví dụ 1.250,5."
    )


@pytest.mark.parametrize(
    "text", ["5,", "1,5.3", "1,5 000", "- 5", "1..000", "1. 000", ".5", "1.", " 1 ,5", "١٢", "１２"]
)
def test_malformed_is_not_a_number(text):
    assert "không phải là một số" in refusal(text).message


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_empty(text):
    assert refusal(text).message == "Chưa nhập số."


@pytest.mark.parametrize("text", ["1,2,3", "1,250,5", "1,2,"])
def test_more_than_one_comma(text):
    assert refusal(text).message == (
        f"“{text}” có nhiều hơn một dấu phẩy. Dấu phẩy chỉ dùng một lần, trước phần thập phân, "
        "ví dụ 1.250,5."
    )


@pytest.mark.parametrize("text", ["1.25.000", "1.2.3", "1.250.00", "12 34", "0.500.000", "1.25,5"])
def test_bad_grouping(text):
    assert refusal(text).message == (
        f"“{text}” có nhóm chữ số không đúng. Khi ngăn cách hàng nghìn, nhóm đầu có 1 đến 3 chữ "
        "số (không bắt đầu bằng 0), mỗi nhóm sau có đúng 3 chữ số, ví dụ 1.250.000."
    )


@pytest.mark.parametrize(
    ("text", "suggestion"), [("1.250 000", "1.250.000"), ("1 250.000,5", "1.250.000,5")]
)
def test_mixed_separators(text, suggestion):
    assert refusal(text).message == (
        f"“{text}” dùng lẫn dấu chấm và dấu cách để ngăn cách hàng nghìn. Chỉ dùng một loại, "
        f"ví dụ {suggestion}."
    )


def test_different_space_kinds_are_one_separator():
    assert parse_number("1\u00a0250 000") == 1250000


# ---------------------------------------------------------------- limits


def test_limits_decimal_places():
    assert parse_number("97,25", decimal_places=2) == Decimal("97.25")
    error = refusal("97,255", decimal_places=2)
    assert error.code == "max_decimal_places"
    assert error.message == (
        "“97,255” có quá nhiều chữ số thập phân: chỉ được tối đa 2 chữ số sau dấu phẩy."
    )


def test_limits_trailing_zeros_beyond_decimal_places_are_dropped():
    value = parse_number("97,5000", decimal_places=1)
    assert value.as_tuple() == Decimal("97.5").as_tuple()
    assert parse_number("12,00", decimal_places=0).as_tuple() == Decimal(12).as_tuple()


def test_limits_integer_only():
    error = refusal("12,5", decimal_places=0)
    assert error.code == "max_decimal_places"
    assert error.message == "“12,5” phải là số nguyên (không có phần thập phân)."


def test_limits_whole_digits():
    assert parse_number("999.999.999.999,99", max_digits=14, decimal_places=2)
    assert parse_number("0,5", max_digits=2, decimal_places=2) == Decimal("0.5")
    error = refusal("1.000.000.000.000", max_digits=14, decimal_places=2)
    assert error.code == "max_whole_digits"
    assert error.message == "“1.000.000.000.000” quá lớn: phần nguyên chỉ được tối đa 12 chữ số."


def test_limits_decimal_places_without_max_digits():
    assert parse_number("123456789012345678901234567890", decimal_places=2)


def test_limits_max_digits_alone():
    assert parse_number("12,3", max_digits=3) == Decimal("12.3")
    value = parse_number("12,300", max_digits=3)
    assert value == Decimal("12.3")
    assert value.as_tuple() == Decimal("12.3").as_tuple()
    assert parse_number("1,50", max_digits=5).as_tuple() == Decimal("1.50").as_tuple()
    error = refusal("12,34", max_digits=3)
    assert error.code == "max_digits"
    assert error.message == "“12,34” có quá nhiều chữ số: chỉ được tối đa 3 chữ số."
    assert refusal("0,0005", max_digits=3).code == "max_digits"


def test_limits_min_value():
    assert parse_number("0", min_value=Decimal(0)) == 0
    error = refusal("-1.000,5", min_value=Decimal("-999.5"))
    assert error.code == "min_value"
    assert error.message == "“-1.000,5” nhỏ hơn giá trị nhỏ nhất cho phép là -999,5."


# ---------------------------------------------------------------- format


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (185300, "185.300"),
        (Decimal("97.20"), "97,2"),
        (Decimal("1250.5"), "1.250,5"),
        (Decimal("0.5"), "0,5"),
        (Decimal("-3.5"), "-3,5"),
        (Decimal("-0"), "0"),
        (Decimal("0.00"), "0"),
        (Decimal("180000.00"), "180.000"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("123"), "123"),
        (-1234567, "-1.234.567"),
        (Decimal("1" * 40), ".".join(["1"] + ["111"] * 13)),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal(2), 2, "2,00"),
        (Decimal("97.25"), 1, "97,3"),  # half up
        (Decimal("-97.25"), 1, "-97,3"),
        (Decimal("999.5"), 0, "1.000"),
        (Decimal("-0.001"), 2, "0,00"),
        (Decimal("1250.5"), 0, "1.251"),
        (Decimal("1" * 40 + ".25"), 1, ".".join(["1"] + ["111"] * 13) + ",3"),
    ],
)
def test_format_number_with_decimal_places(value, places, expected):
    assert format_number(value, decimal_places=places) == expected


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_format_number_refuses_non_finite(value):
    with pytest.raises(ValueError):
        format_number(value)


# ---------------------------------------------------------------- stated values


@pytest.mark.parametrize(
    ("text", "number", "stated"),
    [
        ("trên 150", "150", "trên 150"),
        ("  Trên 150 ", "150", "Trên 150"),
        ("hơn 1.000", "1000", "hơn 1.000"),
        ("gần 97,5%", "97.5", "gần 97,5%"),
        ("khoảng 20", "20", "khoảng 20"),
        ("xấp xỉ 3,5", "3.5", "xấp xỉ 3,5"),
        ("dưới 2%", "2", "dưới 2%"),
        ("ít nhất 10", "10", "ít nhất 10"),
        ("TỐI THIỂU 10", "10", "TỐI THIỂU 10"),
        ("tối đa 5", "5", "tối đa 5"),
        ("~150", "150", "~150"),
        ("> 150", "150", "> 150"),
        ("<2", "2", "<2"),
        (">=97,5", "97.5", ">=97,5"),
        ("<=3", "3", "<=3"),
        ("≥ 90%", "90", "≥ 90%"),
        ("≤ 1.250,5", "1250.5", "≤ 1.250,5"),
        ("≈ 7", "7", "≈ 7"),
        ("150", "150", ""),
        (" 97,5 % ", "97.5", ""),
    ],
)
def test_parse_stated(text, number, stated):
    assert parse_stated(text) == (Decimal(number), stated)


def test_parse_stated_normalises_to_nfc():
    decomposed = unicodedata.normalize("NFD", "trên 150")
    assert parse_stated(decomposed) == (Decimal(150), "trên 150")


def test_parse_stated_needs_the_vietnamese_diacritics():
    with pytest.raises(NumberError, match="không phải là một số"):
        parse_stated("tren 150")


def test_parse_stated_refusals_name_the_whole_text():
    with pytest.raises(NumberError) as info:
        parse_stated("trên 1.5")
    assert info.value.message.startswith("“trên 1.5” có thể hiểu là 1,5 hoặc 15.")
    with pytest.raises(NumberError) as info:
        parse_stated("trên")
    assert info.value.message == "“trên” thiếu con số sau “trên”."
    with pytest.raises(NumberError, match="Chưa nhập số"):
        parse_stated("")


def test_parse_stated_limits():
    assert parse_stated("trên 150", decimal_places=0) == (Decimal(150), "trên 150")
    with pytest.raises(NumberError) as info:
        parse_stated("khoảng -5", min_value=Decimal(0))
    assert info.value.code == "min_value"
    assert info.value.message.startswith("“khoảng -5” nhỏ hơn")


# ---------------------------------------------------------------- properties

# Up to 12 integer digits and 0–2 decimal places, as the app's DecimalFields hold.
decimals_12_2 = st.builds(
    lambda n, places: Decimal(n).scaleb(-places),
    st.integers(min_value=-(10**14) + 1, max_value=10**14 - 1),
    st.integers(min_value=0, max_value=2),
)


@settings(deadline=None)
@given(decimals_12_2)
def test_property_format_then_parse_round_trips(value):
    assert parse_number(format_number(value)) == value


@settings(deadline=None)
@given(decimals_12_2, st.sampled_from(SPACES))
def test_property_spaces_instead_of_dots_parse(value, space):
    assert parse_number(format_number(value).replace(".", space)) == value


@settings(deadline=None)
@given(decimals_12_2, st.integers(min_value=0, max_value=2))
def test_property_round_trip_with_fixed_places(value, places):
    text = format_number(value, decimal_places=places)
    assert parse_number(text) == value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@settings(deadline=None)
@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_property_any_int_with_dot_groups_parses_back(n):
    grouped = f"{abs(n):,}".replace(",", ".")
    assert parse_number(("-" if n < 0 else "") + grouped) == n
    assert parse_number(str(n)) == n


@settings(deadline=None)
@given(st.from_regex(r"[0-9]{1,8}\.[0-9]{1,8}", fullmatch=True))
def test_property_single_dot_is_thousands_or_refused_with_both_readings(text):
    head, tail = text.split(".")
    try:
        value = parse_number(text)
    except NumberError as error:
        assert not (len(tail) == 3 and len(head) <= 3 and head[0] != "0")
        assert f"{head},{tail}" in error.message
        assert format_number(int(head + tail)) in error.message
    else:
        assert len(tail) == 3 and len(head) <= 3 and head[0] != "0"
        assert value == int(head + tail)


@settings(deadline=None, max_examples=300)
@given(
    st.text(alphabet=st.sampled_from("0123456789.,- %\u2212+\u00a0eE")) | st.text(),
)
def test_property_any_text_parses_or_raises_number_error(text):
    for parse in (parse_number, lambda t: parse_stated(t)[0]):
        try:
            value = parse(text)
        except NumberError as error:
            assert error.message
        else:
            assert isinstance(value, Decimal)
            assert value.is_finite()
            assert parse_number(format_number(value)) == value


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,- ")))
def test_property_limits_never_raise_anything_else(text):
    try:
        parse_number(text, max_digits=5, decimal_places=2, min_value=Decimal(0))
    except NumberError as error:
        assert error.code in {
            "invalid",
            "max_digits",
            "max_whole_digits",
            "max_decimal_places",
            "min_value",
        }


# ---------------------------------------------------------------- form fields


class EntryForm(forms.Form):
    value = VNDecimalField(max_digits=14, decimal_places=2, required=False)
    count = VNDecimalField(decimal_places=0, min_value=0, required=False)


class StatedForm(forms.Form):
    value = VNStatedDecimalField(max_digits=14, decimal_places=2, required=False)


def test_field_parses_vietnamese_grouping():
    form = EntryForm(data={"value": "185.300", "count": "1 000"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"value": Decimal(185300), "count": Decimal(1000)}


def test_field_refuses_ambiguous_dot_with_both_readings():
    form = EntryForm(data={"value": "1.5"})
    assert not form.is_valid()
    assert form.errors["value"] == [
        "“1.5” có thể hiểu là 1,5 hoặc 15. Viết 1,5 nếu là số thập phân, 15 nếu là số nguyên."
    ]
    assert form.errors.as_data()["value"][0].code == "invalid"


def test_field_limits_use_the_vietnamese_messages():
    form = EntryForm(data={"value": "1,255", "count": "-1"})
    assert not form.is_valid()
    assert form.errors.as_data()["value"][0].code == "max_decimal_places"
    assert "“1,255”" in form.errors["value"][0]
    assert form.errors.as_data()["count"][0].code == "min_value"


def test_field_empty_and_blank_are_none():
    form = EntryForm(data={"value": "  ", "count": ""})
    assert form.is_valid()
    assert form.cleaned_data == {"value": None, "count": None}


def test_field_required_message_is_djangos():
    field = VNDecimalField()
    with pytest.raises(forms.ValidationError) as info:
        field.clean("")
    assert info.value.code == "required"


def test_field_widget_is_a_text_input_for_decimals():
    html = str(EntryForm()["value"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'autocomplete="off"' in html
    assert "step=" not in html


def test_field_keeps_attrs_of_a_given_widget():
    field = VNDecimalField(widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    assert field.widget.attrs == {"inputmode": "numeric", "autocomplete": "off"}


def test_field_initial_decimal_renders_vietnamese_and_parses_back():
    form = EntryForm(initial={"value": Decimal("180000.00"), "count": 1250})
    assert 'value="180.000"' in str(form["value"])
    assert 'value="1.250"' in str(form["count"])
    resubmitted = EntryForm(
        data={"value": form["value"].value(), "count": form["count"].value()},
        initial={"value": Decimal("180000.00"), "count": 1250},
    )
    assert resubmitted.is_valid()
    assert resubmitted.cleaned_data == {"value": Decimal(180000), "count": Decimal(1250)}
    assert not resubmitted.has_changed()


def test_field_bound_text_is_shown_as_typed():
    form = EntryForm(data={"value": "1.5"})
    assert 'value="1.5"' in str(form["value"])


def test_field_to_python_accepts_numbers():
    field = VNDecimalField()
    assert field.to_python(Decimal("1.5")) == Decimal("1.5")
    assert field.to_python(3) == Decimal(3)
    assert field.to_python(2.5) == Decimal("2.5")
    assert field.prepare_value(2.5) == "2,5"
    assert field.prepare_value(None) is None
    assert field.prepare_value(True) is True
    with pytest.raises(forms.ValidationError):
        field.clean(Decimal("NaN"))


def test_stated_field_returns_number_and_stated_text():
    form = StatedForm(data={"value": "trên 150"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == (Decimal(150), "trên 150")
    form = StatedForm(data={"value": "97,5%"})
    assert form.is_valid()
    assert form.cleaned_data["value"] == (Decimal("97.5"), "")
    form = StatedForm(data={"value": ""})
    assert form.is_valid()
    assert form.cleaned_data["value"] == (None, "")


def test_stated_field_errors_and_required():
    form = StatedForm(data={"value": "khoảng 1.5"})
    assert not form.is_valid()
    assert form.errors["value"][0].startswith("“khoảng 1.5” có thể hiểu là 1,5 hoặc 15.")
    with pytest.raises(forms.ValidationError) as info:
        VNStatedDecimalField().clean("  ")
    assert info.value.code == "required"
    with pytest.raises(forms.ValidationError) as info:
        VNStatedDecimalField(max_value=100).clean("trên 150")
    assert [e.code for e in info.value.error_list] == ["max_value"]


def test_stated_field_initial_and_has_changed():
    initial = (Decimal("150.00"), "trên 150")
    form = StatedForm(initial={"value": initial})
    assert 'value="trên 150"' in str(form["value"])
    assert 'value="1.250"' in str(StatedForm(initial={"value": Decimal(1250)})["value"])
    assert 'value="7"' in str(StatedForm(initial={"value": (Decimal(7), "")})["value"])
    field = StatedForm.base_fields["value"]
    assert not field.has_changed(initial, "trên 150")
    assert field.has_changed(initial, "khoảng 150")
    assert field.has_changed(initial, "1.5")
    assert not field.has_changed(Decimal(150), "150")
    assert not field.has_changed(None, "")
    assert field.to_python(3) == (Decimal(3), "")
    assert not VNStatedDecimalField(disabled=True).has_changed(initial, "9")
