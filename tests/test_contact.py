"""Recognising phone numbers and e-mail addresses typed for a follow-up."""
from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from store.contact import mask_contact, normalise_contact


@pytest.mark.parametrize("text", [
    "010-1234-5678", "010 1234 5678", "01012345678", "010.1234.5678", "(010) 1234-5678",
    "+82 10-1234-5678", "+82-10-1234-5678", "+821012345678", "+82 (0)10 1234 5678", "+82 010 1234 5678",
    "0082 10 1234 5678", "82 10 1234 5678",
    "０１０－１２３４－５６７８",            # full-width, as some Korean keyboards type it
    "010–1234–5678", "010 - 1234 - 5678", "  010-1234-5678  ",
    "제 번호는 010 1234 5678 입니다", "번호는010-1234-5678입니다",
    "010-1234-5678 (낮에만 받아요)",
])
def test_mobile_numbers_in_every_form(text):
    assert normalise_contact(text) == ("phone", "010-1234-5678")


@pytest.mark.parametrize("text, expected", [
    ("011-123-4567", "011-123-4567"), ("0111234567", "011-123-4567"), ("016 1234 5678", "016-1234-5678"),
    ("055-123-4567", "055-123-4567"), ("0551234567", "055-123-4567"), ("055 1234 5678", "055-1234-5678"),
    ("02-123-4567", "02-123-4567"), ("02 1234 5678", "02-1234-5678"), ("+82 2 1234 5678", "02-1234-5678"),
    ("070-1234-5678", "070-1234-5678"), ("1588-1234", "1588-1234"), ("15881234", "1588-1234"),
])
def test_office_and_representative_numbers(text, expected):
    assert normalise_contact(text) == ("phone", expected)


@pytest.mark.parametrize("text, expected", [
    ("hong@example.com", "hong@example.com"),
    ("Hong.GilDong@Example.CO.KR", "Hong.GilDong@example.co.kr"),
    ("  hong+bot@mail.example.org ", "hong+bot@mail.example.org"),
    ("메일은 hong@example.com 입니다", "hong@example.com"),
    ("메일은hong@example.com입니다", "hong@example.com"),
    ("ｈｏｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "hong@example.com"),
])
def test_email_addresses(text, expected):
    assert normalise_contact(text) == ("email", expected)


@pytest.mark.parametrize("text", [
    "", "   ", "hello", "홍길동", "010-1234-567", "010-1234-56789", "010 123 4567", "012-3456-7890",
    "12345", "2024년 3월 5일", "+1 415 555 1234", "+44 20 7946 0958", "a@b", "@example.com",
    "hong@", "hong@@example.com", "hong@example", "hong@exa mple.com", ".hong@example.com",
    "hong..gd@example.com", "010-1234-5678 hong@example.com",       # two contacts: ask which
    "010-1234-5678, 010-9999-8888", "010-1234-5678 010-9999-8888", "010-1234-5678 1234",
    "x" * 400 + "@example.com",
])
def test_not_a_contact(text):
    assert normalise_contact(text) is None


def test_same_number_twice_is_fine():
    assert normalise_contact("010-1234-5678 (010 1234 5678)") == ("phone", "010-1234-5678")
    assert normalise_contact("번호: 010-1234-5678 / 010 1234 5678") == ("phone", "010-1234-5678")


def test_mask_contact():
    assert mask_contact("010-1234-5678") == "010-****-5678"
    assert mask_contact("02-123-4567") == "02-***-4567"
    assert mask_contact("hong@example.com") == "h***@example.com"
    assert mask_contact(None) == ""


separators = st.sampled_from(["", "-", " ", ".", " - ", "  ", "–"])


@given(
    prefix=st.sampled_from(["010", "011", "016", "017", "018", "019"]),
    middle=st.integers(0, 9999), last=st.integers(0, 9999),
    sep1=separators, sep2=separators,
    form=st.sampled_from(["domestic", "+82", "+82 (0)", "0082", "sentence"]),
)
@example(prefix="010", middle=1234, last=5678, sep1=" ", sep2=" ", form="+82")
def test_any_spelling_of_a_mobile_number(prefix, middle, last, sep1, sep2, form):
    middle_digits = f"{middle:04d}" if prefix == "010" or middle >= 1000 else f"{middle:03d}"
    canonical = f"{prefix}-{middle_digits}-{last:04d}"
    body = f"{sep1}{middle_digits}{sep2}{last:04d}"
    text = {
        "domestic": f"{prefix}{body}",
        "+82": f"+82 {prefix[1:]}{body}",
        "+82 (0)": f"+82 (0){prefix[1:]}{body}",
        "0082": f"0082-{prefix[1:]}{body}",
        "sentence": f"연락처는 {prefix}{body} 입니다",
    }[form]
    assert normalise_contact(text) == ("phone", canonical)


@given(st.text(max_size=60))
def test_never_raises_and_is_idempotent(text):
    found = normalise_contact(text)
    if found is not None:
        kind, value = found
        assert kind in ("phone", "email")
        assert normalise_contact(value) == found


@given(local=st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", fullmatch=True),
       domain=st.from_regex(r"[a-z0-9]{1,12}(\.[a-z0-9]{1,8}){0,2}\.(com|kr|org|net)", fullmatch=True))
def test_any_plain_email(local, domain):
    if ".." in local:
        assert normalise_contact(f"{local}@{domain}") is None
    else:
        assert normalise_contact(f"{local}@{domain.upper()}") == ("email", f"{local}@{domain}")


def test_the_phone_separators_are_one_list_for_the_contact_step_and_the_masking():
    """ㅡ (a Korean keyboard's dash) is a separator both where a contact is read and where text is masked."""
    from handlers.personal_data import mask_personal

    assert normalise_contact("010ㅡ1234ㅡ5678") == ("phone", "010-1234-5678")
    assert mask_personal("055ㅡ123ㅡ4567 로 연락 주세요") == "[phone] 로 연락 주세요"
    assert mask_personal("(055) 123-4567, 010 1234 5678") == "([phone], [phone]"


def test_masking_long_runs_without_spaces_keeps_what_is_not_personal():
    from handlers.personal_data import mask_personal

    for text in ("가나다라" * 1024, "a" * 2000 + "@" + "b" * 2095, "1" + "-" * 4095):
        assert mask_personal(text) == text
    assert mask_personal("가" * 3000 + " kim@example.com " + "1." * 500) == "가" * 3000 + " [email] " + "[phone]."
