"""Record values: the Python form of each field type, its SQL form, and the checks every write passes."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import messages
from gzdesk.core.schema import Entity, Field, FieldType
from gzdesk.core.validate import VALIDATORS

T = FieldType
_ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")

messages.register({
    "record.required": ("「{field}」不能为空", "{field} is required"),
    "record.type": ("「{field}」的值 {value} 不是{expected}", "{field}: {value} is not {expected}"),
    "record.enum": ("「{field}」的值「{value}」不在可选值中（{choices}）",
                    "{field}: {value} is not one of the allowed values ({choices})"),
    "record.date": ("「{field}」的值 {value} 不是有效日期（应为 2026-03 或 2026-03-15）",
                    "{field}: {value} is not a valid date (expected 2026-03 or 2026-03-15)"),
    "record.too_long": ("「{field}」超过 {limit} 个字符（{length} 个）", "{field} is longer than {limit} characters ({length})"),
    "record.unknown_field": ("「{field}」不是{entity}的字段", "{field} is not a field of {entity}"),
    "validate.credit_code.length": ("统一社会信用代码应为 18 位", "a unified social credit code has 18 characters"),
    "validate.credit_code.charset": ("统一社会信用代码含有不允许的字符（不能有 I、O、Z、S、V）",
                                     "the credit code has characters that are not allowed (no I, O, Z, S, V)"),
    "validate.credit_code.check_digit": ("统一社会信用代码校验位不正确", "the credit code's check digit is wrong"),
    "validate.phone": ("联系电话格式不正确", "the phone number does not look right"),
    "record.invalid_values": ("{entity}记录有 {count} 处错误：{first}", "{entity} record has {count} problem(s): {first}"),
})

_TYPE_NAMES = {
    T.MONEY: ("数字（万元）", "a number (10k CNY)"), T.NUMBER: ("数字", "a number"), T.AREA: ("数字（亩）", "a number (mu)"),
    T.PERCENT: ("0–100 的百分数", "a percentage 0–100"), T.INTEGER: ("整数", "a whole number"),
    T.BOOLEAN: ("是/否", "yes/no"), T.TAGS: ("标签列表", "a list of tags"),
}


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of one record: a message code and its parameters."""

    field: str
    code: str
    value: object
    params: Mapping[str, object]
    labels: tuple[str, str] = ("", "")  # the field's label in zh and en

    def message(self, lang: str = "zh") -> str:
        label = self.labels[1] if lang == "en" else self.labels[0]
        return messages.render(self.code, lang, **{**self.params, "field": label or self.field})


def encode(field: Field, value: object) -> object:
    """The SQLite form of a field's Python value."""
    if value is None:
        return None
    if field.type is T.BOOLEAN:
        return 1 if value else 0
    if field.type is T.TAGS:
        return json.dumps(list(value), ensure_ascii=False) if value else None  # type: ignore[call-overload]
    return value


ENCODED_TYPES = frozenset({T.BOOLEAN, T.TAGS})


def encoded_keys(entity: Entity, keys: Sequence[str]) -> list[tuple[int, Field]]:
    """(position in ``keys``, field) of the fields whose SQLite form differs from their Python form."""
    return [(i, entity.by_key[k]) for i, k in enumerate(keys) if entity.by_key[k].type in ENCODED_TYPES]


def decode(field: Field, value: object) -> object:
    """The Python form of a field's SQLite value."""
    if value is None:
        return None
    if field.type is T.BOOLEAN:
        return bool(value)
    if field.type is T.TAGS:
        return json.loads(str(value))
    return value


def is_blank(value: object) -> bool:
    return value is None or value == "" or value == []


def check_field(field: Field, value: object, *, lang: str = "zh", extra_words: Iterable[str] = ()) -> FieldProblem | None:
    """None when ``value`` is a valid Python value for ``field`` (blank counts as valid unless required)."""
    label = field.label(lang)

    def problem(code: str, **params: object) -> FieldProblem:
        return FieldProblem(field.key, code, value, {"field": label, "value": value, **params}, (field.zh, field.en))

    if is_blank(value):
        return problem("record.required") if field.required else None
    kind = field.type
    if kind in (T.MONEY, T.NUMBER, T.AREA, T.PERCENT):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return problem("record.type", expected=_TYPE_NAMES[kind][lang == "en"])
        if kind is T.PERCENT and not 0 <= value <= 100:
            return problem("record.type", expected=_TYPE_NAMES[kind][lang == "en"])
    elif kind is T.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            return problem("record.type", expected=_TYPE_NAMES[kind][lang == "en"])
    elif kind is T.BOOLEAN:
        if not isinstance(value, bool):
            return problem("record.type", expected=_TYPE_NAMES[kind][lang == "en"])
    elif kind is T.DATE:
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            return problem("record.date")
    elif kind is T.TAGS:
        if not isinstance(value, list | tuple) or not all(isinstance(tag, str) for tag in value):
            return problem("record.type", expected=_TYPE_NAMES[kind][lang == "en"])
        allowed = set(field.vocabulary.values if field.vocabulary else ()) | set(extra_words)
        for tag in value:
            if tag not in allowed:
                return problem("record.enum", choices="、".join(sorted(allowed)))
    elif not isinstance(value, str):
        return problem("record.type", expected="文本" if lang != "en" else "text")
    else:
        if field.max_length is not None and len(value) > field.max_length:
            return problem("record.too_long", limit=field.max_length, length=len(value))
        if kind is T.ENUM and field.vocabulary is not None:
            allowed = set(field.vocabulary.values) | set(extra_words)
            if value not in allowed:
                return problem("record.enum", choices="、".join(field.vocabulary.values))
        if field.validator is not None:
            code = VALIDATORS[field.validator](value)
            if code is not None:
                return problem(code)
    return None


def check_record(
    entity: Entity,
    values: Mapping[str, object],
    *,
    partial: bool = False,
    lang: str = "zh",
    extras: Mapping[str, Iterable[str]] | None = None,
) -> list[FieldProblem]:
    """Every problem of ``values``; with ``partial`` only the given fields are checked (an update)."""
    problems: list[FieldProblem] = []
    for key in values:
        if key not in entity.by_key:
            problems.append(FieldProblem(key, "record.unknown_field", values[key], {"field": key, "entity": entity.zh}))
    fields = [entity.by_key[k] for k in values if k in entity.by_key] if partial else entity.fields
    for field in fields:
        vocabulary_key = field.vocabulary.key if field.vocabulary else ""
        found = check_field(field, values.get(field.key), lang=lang,
                            extra_words=(extras or {}).get(vocabulary_key, ()))
        if found is not None:
            problems.append(found)
    return problems
