"""Three-way, field-by-field diff of one record: base (as sent) vs theirs (the file) vs ours (the database).

Rules (EXCHANGE.md "Folding changes in"):
* with a base: changed only by them → take theirs; changed only by us → keep ours; changed by both to the
  same value → nothing to do; changed by both differently → conflict. A blank where the base had a value is
  a deliberate clear.
* without a base (a hand-made sheet, or a base whose hash does not match): a blank means "no information" and
  never erases; a differing value is theirs to take (the caller decides whether the sender may change it).
* a field whose column is not in the file is not compared at all.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gzdesk.core.records import is_blank


class Decision(StrEnum):
    TAKE = "take"  # apply theirs
    CONFLICT = "conflict"  # both changed it differently: the clerk (or the policy) decides


@dataclass(frozen=True)
class FieldChange:
    field: str
    base: object
    theirs: object
    ours: object
    decision: Decision
    has_base: bool


def same(one: object, other: object) -> bool:
    """Equal as values: blanks are equal, numbers within a relative 1e-9 (money survives float round trips)."""
    if is_blank(one) and is_blank(other):
        return True
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if isinstance(one, int | float) and isinstance(other, int | float):
        return math.isclose(one, other, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(one, list | tuple) and isinstance(other, list | tuple):
        return list(one) == list(other)
    return one == other


def as_sent(fields: Sequence[str], theirs: Mapping[str, object], base: Mapping[str, object] | None) -> bool:
    """True when the file holds exactly the base's values in ``fields``: the row brings no change, whatever ours
    hold now (most rows of a returned file; checked before our values are even read)."""
    if base is None:
        return False
    if len(fields) > 1:
        pick = _picker(tuple(fields))
        try:
            return bool(pick(theirs) == pick(base))  # both hold every field: one C call each
        except KeyError:
            pass
    return list(map(theirs.get, fields)) == list(map(base.get, fields))


@functools.lru_cache(maxsize=64)
def _picker(fields: tuple[str, ...]) -> Callable[[Mapping[str, object]], object]:
    return operator.itemgetter(*fields)


def diff_record(fields: Iterable[str], theirs: Mapping[str, object], ours: Mapping[str, object],
                base: Mapping[str, object] | None) -> list[FieldChange]:
    """The changes the file brings to one record, for the ``fields`` whose column the file has."""
    keys = list(fields)
    theirs_in_order = list(map(theirs.get, keys))
    if theirs_in_order == list(map((base if base is not None else ours).get, keys)):
        return []  # the untouched row: nothing to compare field by field (most rows of a returned file)
    changes: list[FieldChange] = []
    for key, their_value in zip(keys, theirs_in_order, strict=True):
        our_value = ours.get(key)
        if base is None:
            if is_blank(their_value) or same(their_value, our_value):
                continue
            changes.append(FieldChange(key, None, their_value, our_value, Decision.TAKE, False))
            continue
        base_value = base.get(key)
        if same(their_value, base_value) or same(their_value, our_value):
            continue
        decision = Decision.TAKE if same(our_value, base_value) else Decision.CONFLICT
        changes.append(FieldChange(key, base_value, their_value, our_value, decision, True))
    return changes
