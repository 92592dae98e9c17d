"""How far two annotators agree (``newsgloss agreement``): per label and overall,
span-level precision, recall and F1 of B's tags against A's, matched exactly (the same
span) or by overlap (one to one, each of B's tags to the first of A's it overlaps), and
two of Krippendorff's alphas over the articles both read.

``alpha`` (Krippendorff, *Content Analysis*, 2004, ch. 11; "Computing Krippendorff's
Alpha-Reliability", 2011) is computed from the coincidence matrix o_ck of the values the
coders gave each unit: alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k,
with n_c the row sums and n their total (nominal distance). Here a unit is a character
of an article and its value, for each label, whether the coder's tags of that label
cover it (``nominal_alpha`` is the general form, checked against the 2011 paper's worked
example).

``u_alpha`` is the unitizing alpha of Krippendorff, Mathet, Bouvry and Widlöcher, "On
the reliability of unitizing textual continua: further developments", *Quality &
Quantity* 50 (2016), which also weighs where units begin and end: each coder partitions
the continuum (the articles one after another) into units of a value and gaps; the
observed coincidences are the lengths where two coders' segments intersect,
o_ck = 1/(m-1) sum_i sum_{j != i} sum_{g in c} sum_{h in k} |s_ig ∩ s_jh|, and the
expected ones e_ck = l.. (l_c. l_.k - [c = k] sum_{g in c} w_g) / (l..^2 - sum_g w_g), with
w_g = l_g^2 for a unit (it cannot pair with itself) and l_g for a gap (any part of it
can); u_alpha = 1 - (l.. - sum_c o_cc) / (l.. - sum_c e_cc). With units one character
long it is ``nominal_alpha`` of the characters (the tests check both, and a hand case).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from newsgloss.corpus import UserError

if TYPE_CHECKING:
    from newsgloss.annotations.model import Annotation
    from newsgloss.annotations.store import Store

Span = tuple[str, int, int]  # document, start, end


@dataclass(frozen=True)
class Scores:
    label: str  # "" for all labels together
    a_tags: int
    b_tags: int
    exact_precision: float
    exact_recall: float
    exact_f1: float
    overlap_precision: float
    overlap_recall: float
    overlap_f1: float
    alpha: float | None  # None: no variation to measure
    u_alpha: float | None

    def as_dict(self) -> dict:
        return asdict(self)


def nominal_alpha(units: Iterable[Sequence[object]]) -> float | None:
    """Krippendorff's alpha, nominal, of units each given as the values its coders gave
    (a missing value left out); units with fewer than two values are not pairable."""
    coincidences: Counter = Counter()
    for values in units:
        values = [v for v in values if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[c, k] += 1 / (m - 1)
    return _alpha(coincidences)


def _alpha(coincidences: Counter) -> float | None:
    totals: Counter = Counter()
    for (c, _), count in coincidences.items():
        totals[c] += count
    n = sum(totals.values())
    observed = sum(count for (c, k), count in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if not expected:
        return None
    return 1 - (n - 1) * observed / expected


def _binary_alpha(both: int, only_a: int, only_b: int, neither: int) -> float | None:
    """Alpha for two coders and a yes/no value per unit, from the four counts of units."""
    return _alpha(Counter({(1, 1): 2 * both, (0, 0): 2 * neither,
                           (1, 0): only_a + only_b, (0, 1): only_a + only_b}))  # fmt: skip


Segment = tuple[int, int, object]  # start, end, value (None: a gap)


def unitized_alpha(coders: Sequence[Sequence[Segment]]) -> float | None:
    """Krippendorff's u-alpha (2016, see above) of each coder's segments of a continuum,
    each coder's sorted and not overlapping (a partition, gaps included)."""
    observed: Counter = Counter()
    m = len(coders)
    for i, mine in enumerate(coders):
        for j, theirs in enumerate(coders):
            if i != j:
                for (c, k), length in _intersections(mine, theirs):
                    observed[c, k] += length / (m - 1)
    totals: Counter = Counter()
    for (c, _), length in observed.items():
        totals[c] += length
    n = sum(totals.values())
    weights: Counter = Counter()
    for segments in coders:
        for start, end, value in segments:
            weights[value] += (end - start) ** 2 if value is not None else end - start
    denominator = n * n - sum(weights.values())
    if not n or not denominator:
        return None
    expected = sum(n * (totals[c] ** 2 - weights[c]) / denominator for c in totals)
    agreed = sum(observed[c, c] for c in totals)
    return None if n == expected else 1 - (n - agreed) / (n - expected)


def _intersections(a: Sequence[Segment], b: Sequence[Segment]) -> Iterator[tuple[tuple, int]]:
    """((a's value, b's value), length) where two sorted partitions' segments meet."""
    i = j = 0
    while i < len(a) and j < len(b):
        (s1, e1, c), (s2, e2, k) = a[i], b[j]
        if min(e1, e2) > max(s1, s2):
            yield (c, k), min(e1, e2) - max(s1, s2)
        if e1 < e2:
            i += 1
        else:
            j += 1


def _partition(spans: list[Span], lengths: dict[str, int]) -> list[Segment]:
    """A coder's units (its tags, those that overlap made one) and the gaps between them,
    over the articles of ``lengths`` one after another."""
    by_doc = defaultdict(list)
    for doc, start, end in spans:
        by_doc[doc].append((start, end))
    segments: list[Segment] = []
    offset = 0
    for doc, length in lengths.items():
        at = 0
        for start, end in covered(by_doc[doc], touching=False):
            if start > at:
                segments.append((offset + at, offset + start, None))
            segments.append((offset + start, offset + end, 1))
            at = end
        if length > at:
            segments.append((offset + at, offset + length, None))
        offset += length
    return segments


def _prf(matched: int, a: int, b: int) -> tuple[float, float, float]:
    precision = matched / b if b else 0.0
    recall = matched / a if a else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _overlap_matches(a: list[Span], b: list[Span]) -> int:
    """Each of B's spans matched to the first of A's in its document it overlaps, one to
    one, in document order."""
    free = defaultdict(list)
    for doc, start, end in sorted(a):
        free[doc].append((start, end))
    matched = 0
    for doc, start, end in sorted(b):
        for index, (s, e) in enumerate(free[doc]):
            if s < end and start < e:
                del free[doc][index]
                matched += 1
                break
    return matched


def covered(spans: Iterable[tuple[int, int]], touching: bool = True) -> list[tuple[int, int]]:
    """The spans, those that overlap (or, ``touching``, meet) made one."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (start < merged[-1][1] or touching and start == merged[-1][1]):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def _common(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    i = j = total = 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _counts(a: list[Span], b: list[Span], lengths: dict[str, int]) -> tuple[int, int, int, int]:
    """Characters covered by both, by A only, by B only, and by neither."""
    by_a, by_b = defaultdict(list), defaultdict(list)
    for spans, by in ((a, by_a), (b, by_b)):
        for doc, start, end in spans:
            by[doc].append((start, end))
    both = only_a = only_b = neither = 0
    for doc, length in lengths.items():
        ca, cb = covered(by_a[doc]), covered(by_b[doc])
        common = _common(ca, cb)
        both += common
        only_a += _length(ca) - common
        only_b += _length(cb) - common
        neither += length - _length(ca) - _length(cb) + common
    return both, only_a, only_b, neither


def scores(label: str, a: list[Span], b: list[Span], lengths: dict[str, int]) -> Scores:
    exact = len(set(a) & set(b))
    overlap = _overlap_matches(a, b)
    alpha = _binary_alpha(*_counts(a, b, lengths))
    u_alpha = unitized_alpha([_partition(a, lengths), _partition(b, lengths)])
    exact_prf, overlap_prf = _prf(exact, len(a), len(b)), _prf(overlap, len(a), len(b))
    return Scores(label, len(a), len(b), *exact_prf, *overlap_prf, alpha, u_alpha)


def agreement(
    store: Store,
    *,
    labels: Sequence[str] = (),
    doc_ids: Sequence[str] = (),
    annotators: Sequence[str] = (),
) -> tuple[str, str, list[Scores]]:
    """A's and B's names (the two with most tags when not given) and the scores, a row a
    label and a last row for all labels together, over the articles both tagged."""
    tags = store.annotations(doc_ids, labels)
    if not annotators:
        most = Counter(t.annotator for t in tags).most_common(2)
        if len(most) < 2:
            found = ", ".join(name or "(none)" for name, _ in most) or "none"
            raise UserError(f"agreement needs the tags of two annotators; found {found}")
        annotators = [name for name, _ in most]
    a_name, b_name = annotators
    by_a = [t for t in tags if t.annotator == a_name]
    by_b = [t for t in tags if t.annotator == b_name]
    for name, found in ((a_name, by_a), (b_name, by_b)):
        if not found:
            raise UserError(f"no tags by {name!r} here")
    shared = {t.doc_id for t in by_a} & {t.doc_id for t in by_b}
    lengths = {doc: len(store.document(doc).text) for doc in sorted(shared)}
    rows = []
    every = sorted({t.label for t in by_a + by_b})
    pooled: dict[str, list] = {"a": [], "b": []}
    for label in every:
        a = _spans(by_a, label, shared)
        b = _spans(by_b, label, shared)
        rows.append(scores(label, a, b, lengths))
        pooled["a"].extend((f"{label}\0{d}", s, e) for d, s, e in a)
        pooled["b"].extend((f"{label}\0{d}", s, e) for d, s, e in b)
    pooled_lengths = {f"{label}\0{d}": n for label in every for d, n in lengths.items()}
    rows.append(scores("", pooled["a"], pooled["b"], pooled_lengths))
    return a_name, b_name, rows


def _spans(tags: list[Annotation], label: str, shared: set[str]) -> list[Span]:
    return [(t.doc_id, t.start, t.end) for t in tags if t.label == label and t.doc_id in shared]
