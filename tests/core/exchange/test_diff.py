"""Properties of the three-way diff."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gzdesk.core.exchange.diff import Decision, diff_record, same

FIELDS = ("name", "stage", "total_investment", "signed_on", "tags")
value = st.one_of(st.none(), st.just(""), st.text(max_size=8), st.floats(allow_nan=False, allow_infinity=False),
                  st.integers(-10, 10), st.lists(st.sampled_from(["外资", "链主"]), max_size=2))
record = st.fixed_dictionaries({key: value for key in FIELDS})


@given(base=record, ours=record)
def test_an_untouched_file_changes_nothing(base: dict[str, object], ours: dict[str, object]) -> None:
    assert diff_record(FIELDS, base, ours, base) == []


@given(base=record, theirs=record)
def test_when_only_they_changed_we_take_exactly_their_changes(base: dict[str, object],
                                                              theirs: dict[str, object]) -> None:
    changes = diff_record(FIELDS, theirs, base, base)
    assert all(c.decision is Decision.TAKE for c in changes)
    assert {c.field for c in changes} == {k for k in FIELDS if not same(theirs[k], base[k])}


@given(base=record, both=record)
def test_the_same_change_on_both_sides_is_no_change(base: dict[str, object], both: dict[str, object]) -> None:
    assert diff_record(FIELDS, both, both, base) == []


@given(base=record, theirs=record, ours=record)
def test_conflicts_are_exactly_the_fields_both_changed_differently(base: dict[str, object], theirs: dict[str, object],
                                                                   ours: dict[str, object]) -> None:
    conflicts = {c.field for c in diff_record(FIELDS, theirs, ours, base) if c.decision is Decision.CONFLICT}
    assert conflicts == {k for k in FIELDS if not same(theirs[k], base[k]) and not same(ours[k], base[k])
                         and not same(theirs[k], ours[k])}


@given(theirs=record, ours=record)
def test_without_a_base_blanks_never_erase(theirs: dict[str, object], ours: dict[str, object]) -> None:
    for change in diff_record(FIELDS, theirs, ours, None):
        assert change.theirs not in (None, "", []) and change.decision is Decision.TAKE


def test_a_deliberate_clear_with_a_base_is_taken() -> None:
    (change,) = diff_record(["notes"], {"notes": None}, {"notes": "旧备注"}, {"notes": "旧备注"})
    assert (change.decision, change.theirs) == (Decision.TAKE, None)


def test_money_survives_float_noise() -> None:
    assert same(0.1 + 0.2, 0.3) and not same(0.3, 0.31) and same(None, "") and not same(0, None)
    assert not same(True, 1)
