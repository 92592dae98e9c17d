"""Spans found by position (corpus/positions.py): the same as looking at every one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgloss.corpus.positions import ByPosition

spans = st.tuples(st.integers(0, 200), st.integers(1, 80)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(spans, max_size=40), st.integers(0, 300), st.integers(1, 50))
def test_the_spans_over_a_range_are_those_overlapping_it(found, start, length) -> None:
    end = start + length
    index = ByPosition(found, lambda span: span)
    assert index.over(start, end) == sorted(s for s in found if s[0] < end and s[1] > start)
    assert all(s[1] <= start for s in index.items[: index.first(start)])  # none skipped


@given(st.lists(spans, max_size=40), st.integers(0, 300))
def test_what_follows_an_offset_holds_every_span_ending_after_it(found, offset) -> None:
    index = ByPosition(found, lambda span: span)
    after = list(index.after(offset))
    assert after == index.items[len(index.items) - len(after) :]  # in order, from one on
    assert [s for s in after if s[1] > offset] == sorted(s for s in found if s[1] > offset)


@given(st.lists(spans, max_size=30), st.lists(spans, max_size=10), st.data())
def test_spans_added_and_taken_out_in_place_read_as_if_sorted_afresh(found, added, data):
    index = ByPosition(found, lambda span: span)
    for span in added:
        index.insert(span)
    kept = found + added
    for span in data.draw(st.lists(st.sampled_from(kept), unique=True)) if kept else []:
        assert index.remove(span, lambda stored, gone: stored == gone)
        kept.remove(span)
    afresh = ByPosition(kept, lambda span: span)
    assert index.items == afresh.items and index.starts == afresh.starts
    assert index.longest >= afresh.longest  # a bound: it never shrinks
    assert not index.remove((999, 1000), lambda stored, gone: stored == gone)
    for start in range(0, 300, 7):
        assert index.over(start, start + 5) == afresh.over(start, start + 5)
