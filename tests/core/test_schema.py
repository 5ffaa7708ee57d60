"""The declarative schema: validators, vocabularies and header words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gzdesk.core import records, schema
from gzdesk.core.schema import FieldType, fold
from gzdesk.core.validate import CREDIT_CODE_CHARSET, credit_code_check_digit, credit_code_problem

VALID_CODES = ["91350100M000100Y43", "91110000600037341L"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_published_credit_codes_are_valid(code: str) -> None:
    assert credit_code_problem(code) is None


@given(st.text(alphabet=CREDIT_CODE_CHARSET, min_size=17, max_size=17))
def test_computed_check_digit_validates_and_any_other_digit_fails(first17: str) -> None:
    check = credit_code_check_digit(first17)
    assert credit_code_problem(first17 + check) is None
    wrong = next(ch for ch in CREDIT_CODE_CHARSET if ch != check)
    assert credit_code_problem(first17 + wrong) == "validate.credit_code.check_digit"


def test_credit_code_shape_errors() -> None:
    assert credit_code_problem("9135010") == "validate.credit_code.length"
    assert credit_code_problem("91350100M000100YI3") == "validate.credit_code.charset"  # I is not allowed


@pytest.mark.parametrize(
    ("kind", "raw", "canonical"),
    [
        ("investment", "洽谈中", "在谈"), ("investment", "洽谈", "在谈"), ("investment", "动工", "开工"),
        ("investment", "已开业", "投产"), ("investment", "竣工投产", "投产"), ("investment", " 已签约 ", "签约"),
        ("tech_transfer", "Pilot", "概念验证/中试"), ("tech_transfer", "Industrialization", "产业化"),
        ("expansion", "已备案", "备案"), ("expansion", "投产", "竣工投产"),
    ],
)
def test_stage_synonyms(kind: str, raw: str, canonical: str) -> None:
    stages = schema.entity(kind).stages
    assert stages is not None and stages.canonical(raw) == canonical


def test_unknown_stage_is_not_guessed() -> None:
    assert schema.INVESTMENT.stages is not None and schema.INVESTMENT.stages.canonical("研究中") is None


def test_no_vocabulary_word_names_two_values() -> None:
    for entity in schema.ENTITIES:
        for field in entity.fields:
            if field.vocabulary is None:
                continue
            seen: dict[str, str] = {}
            for choice in field.vocabulary.choices:
                for word in (choice.value, choice.en, *choice.synonyms):
                    key = fold(word)
                    assert seen.setdefault(key, choice.value) == choice.value, (field.key, word)


def test_no_header_word_names_two_fields_of_one_list() -> None:
    for entity in schema.ENTITIES:
        seen: dict[str, str] = {}
        for field in entity.fields:
            for word in field.header_words:
                assert seen.setdefault(word, field.key) == field.key, (entity.key, word, seen[word], field.key)


def test_lists_share_the_common_fields_with_domain_keys() -> None:
    common = {"code", "name", "district", "park", "location", "industry", "sector", "enterprise", "credit_code",
              "total_investment", "stage", "stage_date", "level", "lead_unit", "owner_person", "contact", "phone",
              "official", "status", "latest_progress", "completed_investment", "annual_plan", "issues", "notes"}
    for entity in schema.PROJECT_LISTS:
        assert common <= set(entity.by_key), entity.key
        assert entity.field("name").required and entity.field("district").required
        assert entity.field("total_investment").type is FieldType.MONEY
        assert entity.field("total_investment").header() == "总投资（万元）"


def test_check_record_names_each_problem() -> None:
    problems = records.check_record(schema.INVESTMENT, {
        "name": "", "district": "440106", "stage": "研究中", "signed_on": "2026-13", "credit_code": "123",
        "total_investment": "很多"})
    found = {p.field: p.code for p in problems}
    assert found == {"name": "record.required", "stage": "record.enum", "signed_on": "record.date",
                     "credit_code": "validate.credit_code.length", "total_investment": "record.type"}
    assert "当前阶段" in next(p for p in problems if p.field == "stage").message("zh")
    assert "Stage" in next(p for p in problems if p.field == "stage").message("en")


def test_month_and_day_dates_are_valid() -> None:
    field = schema.INVESTMENT.field("signed_on")
    assert records.check_field(field, "2026-03") is None
    assert records.check_field(field, "2026-03-15") is None
    assert records.check_field(field, "2026-3-15") is not None


def test_non_finite_numbers_are_refused() -> None:
    field = schema.INVESTMENT.field("total_investment")
    assert records.check_field(field, float("inf")) is not None and records.check_field(field, float("nan")) is not None
