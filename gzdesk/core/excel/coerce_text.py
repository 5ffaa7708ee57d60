"""Coercing text-like cells: free text, keys (codes), vocabulary values, districts and industries, yes/no, tags.

Free text is kept as written apart from the end-trim; NUL and other C0 controls (tab and newline stay), zero-width
characters, U+FEFF and lone surrogates are removed, each with a note. Keys (``KEY_FIELDS``) are NFKC-normalised and
trimmed; a number arriving for a key is a problem, never silently turned into text (T30).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

import gzdesk.core.records  # noqa: F401  (registers the validate.* messages reported here)
from gzdesk.core import messages
from gzdesk.core.excel.coerce_base import Coerced, Coercer, ColumnCoercer, Issue, common, fail, note, with_notes
from gzdesk.core.excel.model import CellError, CellValue
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Field, Vocabulary, fold
from gzdesk.core.validate import VALIDATORS, normalise_credit_code

KEY_FIELDS = frozenset({"code", "credit_code", "patent_no", "contract_no", "filing_no"})
EXCEL_CELL_LIMIT = 32_767

messages.register({
    "coerce.text.too_long": ("内容有 {length} 个字符，超过上限 {limit}（不会截断）",
                             "the text has {length} characters, more than the limit of {limit} (never cut)"),
    "coerce.key.number_too_long": ("「{raw}」是数字，位数太长——Excel 只保留 15 位有效数字，请把该列设为文本后重新填写",
                                   "{raw} is a number too long – Excel kept only 15 digits; make the column text and "
                                   "type the code again"),
    "coerce.key.leading_zeros": ("编号「{raw}」是数字，开头的 0 可能已丢失，请把该列设为文本后核对",
                                 "code {raw} is a number – leading zeros may be lost; make the column text and check"),
    "coerce.enum.unknown": ("「{raw}」不在可选值中（{choices}），请选择对应的值",
                            "{raw} is not in the vocabulary ({choices}); choose the value it means"),
    "coerce.district.unknown": ("「{raw}」不是广州市的区", "{raw} is not a district of Guangzhou"),
    "coerce.industry.unknown_kept": ("产业「{raw}」不在产业分类中，按原文保存", "unknown industry {raw} kept as written"),
    "coerce.boolean.unknown": ("「{raw}」不是 是/否", "{raw} is not yes/no"),
    "coerce.tags.unknown": ("标签「{tag}」不在可选值中（{choices}）", "tag {tag} is not one of {choices}"),
    "coerce.note.controls_removed": ("已删除 {count} 个不可见的控制字符", "removed {count} invisible control characters"),
    "coerce.note.invisible_removed": ("已删除 {count} 个零宽字符或 BOM", "removed {count} zero-width characters or BOMs"),
    "coerce.note.invalid_removed": ("已删除 {count} 个无效字符", "removed {count} invalid characters"),
    "coerce.note.line_breaks": ("已把回车换行统一为换行", "line breaks were made uniform"),
    "coerce.note.from_number": ("数字 {raw} 按文本「{value}」保存，请核对", "the number {raw} was kept as text {value}; check it"),
})

_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff\ufffe\uffff\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
_INVALID = re.compile("[\ufffe\uffff\ud800-\udfff]")
_TAG_SPLIT = re.compile(r"[、,;/|\n]+")
_TRUE = frozenset({"是", "y", "yes", "true", "t", "1", "√", "✓", "✔", "有", "对", "是的"})
_FALSE = frozenset({"否", "n", "no", "false", "f", "0", "×", "✗", "✘", "x", "无", "没有", "错"})


def clean_text(raw: str) -> tuple[str, tuple[Issue, ...]]:
    """``raw`` without controls, zero-width characters and invalid code points, trimmed; with notes on each change."""
    text = raw
    notes: list[Issue] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append(note("coerce.note.line_breaks", raw))
    for pattern, code in ((_CONTROLS, "coerce.note.controls_removed"), (_INVISIBLE, "coerce.note.invisible_removed"),
                          (_INVALID, "coerce.note.invalid_removed")):
        text, count = pattern.subn("", text)
        if count:
            notes.append(note(code, raw, count=count))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text.strip(), tuple(notes)


def _number_text(raw: float | int) -> str:
    return str(int(raw)) if isinstance(raw, int) or raw.is_integer() else repr(raw)


def text_coercer(field: Field) -> Coercer:
    """Free text (TEXT, LONG_TEXT) or a key field, per the module docstring."""
    limit = min(field.max_length or EXCEL_CELL_LIMIT, EXCEL_CELL_LIMIT)
    is_key = field.key in KEY_FIELDS
    validator = VALIDATORS.get(field.validator) if field.validator else None

    def finish(raw: CellValue, text: str, notes: tuple[Issue, ...]) -> object:
        if is_key:
            normal = normalise_credit_code(text) if field.validator == "credit_code" else \
                unicodedata.normalize("NFKC", text).strip()
            if normal != text:
                notes = (*notes, note("coerce.note.normalised", raw, value=normal))
            text = normal
        if not text:
            return with_notes(None, *notes)
        if len(text) > limit:
            return fail("coerce.text.too_long", raw, length=len(text), limit=limit)
        if validator is not None and (code := validator(text)) is not None:
            return fail(code, raw)
        return with_notes(text, *notes)

    def coerce(raw: CellValue) -> object:
        if type(raw) is str:
            if _SUSPECT.search(raw) is None:
                text = raw.strip()
                if not is_key and len(text) <= limit and validator is None:
                    return text or None
                if is_key and text.isascii() and " " not in text and field.validator != "credit_code":
                    return (text or None) if len(text) <= limit else finish(raw, text, ())
                return finish(raw, text, ())
            text, notes = clean_text(raw)
            return finish(raw, text, notes)
        if raw is None:
            return None
        if isinstance(raw, CellError):
            return common(raw)
        if isinstance(raw, bool):
            return finish(raw, "是" if raw else "否", (note("coerce.note.from_number", raw, value="是" if raw else "否"),))
        if isinstance(raw, int | float):
            if is_key:
                digits = len(str(int(abs(raw)))) if abs(raw) < 1e300 else 301
                return fail("coerce.key.number_too_long" if digits >= 16 else "coerce.key.leading_zeros", raw)
            text = _number_text(raw)
            return finish(raw, text, (note("coerce.note.from_number", raw, value=text),))
        if isinstance(raw, dt.datetime) and raw.time() == dt.time():
            return finish(raw, raw.date().isoformat(), ())
        if isinstance(raw, dt.date | dt.time):
            return finish(raw, raw.isoformat(), ())
        return fail("coerce.type", raw, expected="文本")

    return coerce


def plain_text_column(field: Field) -> ColumnCoercer | None:
    """For a free-text field (no key, no validator): the column at once when its cells are all text (or blank) with
    nothing to clean and none too long — which :func:`text_coercer` only trims. None for other fields."""
    if field.key in KEY_FIELDS or field.validator:
        return None
    limit = min(field.max_length or EXCEL_CELL_LIMIT, EXCEL_CELL_LIMIT)

    def column(cells: Sequence[CellValue]) -> list[object] | None:
        kinds = set(map(type, cells))
        kinds.discard(type(None))
        if kinds - {str}:
            return None
        texts: list[str] = list(filter(None, cells))  # type: ignore[arg-type]
        if _SUSPECT.search("".join(texts)) is not None or max(map(len, texts), default=0) > limit:
            return None
        return [None if cell is None else cell.strip() or None for cell in cells]  # type: ignore[union-attr]

    return column


def _label(raw: CellValue) -> str | Coerced:
    """The text of a label-like cell (vocabulary word, district, tag …), or the blank/problem result."""
    if isinstance(raw, str):
        found = common(raw)
        if found is not None:
            return found
        text, _ = clean_text(raw)
        return text
    if isinstance(raw, bool) or raw is None or isinstance(raw, CellError):
        return common(raw) or fail("coerce.type", raw, expected="文本")
    if isinstance(raw, int | float):
        return _number_text(raw)
    return fail("coerce.type", raw, expected="文本")


def _remembered(learned: Mapping[str, str] | None) -> dict[str, str]:
    """The clerk's earlier choices (word → value), keyed by the folded word."""
    return {fold(word): value for word, value in (learned or {}).items()}


def _vocabulary_lookup(field: Field, learned: Mapping[str, str] | None
                       ) -> tuple[Vocabulary, str, Callable[[str], str | None]]:
    """The field's vocabulary, its values as one display string, and word → canonical value (synonyms first, then
    the clerk's remembered choices)."""
    vocabulary = field.vocabulary
    assert vocabulary is not None, field.key
    remembered = _remembered(learned)

    def lookup(word: str) -> str | None:
        return vocabulary.canonical(word) or remembered.get(fold(word))

    return vocabulary, "、".join(vocabulary.values), lookup


def enum_coercer(field: Field, learned: Mapping[str, str] | None = None) -> Coercer:
    """A vocabulary value through ``Vocabulary.canonical`` (synonyms, English) and the clerk's remembered choices."""
    vocabulary, choices, lookup = _vocabulary_lookup(field, learned)

    def coerce(raw: CellValue) -> object:
        text = _label(raw)
        if not isinstance(text, str):
            return text
        value = lookup(text)
        if value is None:
            return fail("coerce.enum.unknown", raw, choices=choices, vocabulary=vocabulary.key)
        return value

    return coerce


def reference_coercer(field: Field, reference: Reference, learned: Mapping[str, str] | None = None) -> Coercer:
    """A district code (unknown → problem) or an industry code (unknown → the text as written, with a note)."""
    remembered = _remembered(learned)
    is_district = field.reference == "district"
    resolve = reference.district_code if is_district else reference.industry_code

    def coerce(raw: CellValue) -> object:
        text = _label(raw)
        if not isinstance(text, str):
            return text
        code = resolve(text) or remembered.get(fold(text))
        if code is not None:
            return code
        if is_district:
            return fail("coerce.district.unknown", raw)
        return Coerced(text, None, (note("coerce.industry.unknown_kept", raw),))

    return coerce


def boolean_coercer(field: Field) -> Coercer:
    def coerce(raw: CellValue) -> object:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        if raw is None or isinstance(raw, CellError):
            return common(raw)
        word = fold(raw) if isinstance(raw, str) else ""
        if not word:
            return None if isinstance(raw, str) else fail("coerce.boolean.unknown", raw)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        return fail("coerce.boolean.unknown", raw)

    return coerce


def tags_coercer(field: Field, learned: Mapping[str, str] | None = None) -> Coercer:
    """A list of vocabulary values, split on 、,，;；/ and mapped one by one; any unknown tag is a problem."""
    vocabulary, choices, lookup = _vocabulary_lookup(field, learned)

    def coerce(raw: CellValue) -> object:
        text = _label(raw)
        if not isinstance(text, str):
            return text
        tags: list[str] = []
        for part in _TAG_SPLIT.split(unicodedata.normalize("NFKC", text)):
            part = part.strip()
            if not part:
                continue
            value = lookup(part)
            if value is None:
                return fail("coerce.tags.unknown", raw, tag=part, choices=choices, vocabulary=vocabulary.key)
            if value not in tags:
                tags.append(value)
        return tags or None

    return coerce
