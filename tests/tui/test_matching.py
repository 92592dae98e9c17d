"""The picker's catalogue: the same ranking as matching each row's fields one by one."""

from __future__ import annotations

import random
import re

from newsgloss.tui import matching
from newsgloss.tui.matching import Catalogue, fold, match

WORDS = ["ukraine", "peace", "talks", "Kremlin", "report", "Über", "ceasefire", "a-b", "x_y"]


def rows(count: int, seed: int = 3) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    return [
        (" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))) + f" {n}",
         f"https://site{n % 7}.example/{n}", f"{n:08x}", f"2025-0{1 + n % 9}-1{n % 10}",
         rng.choice(["", "Reuters", "AP"]))
        for n in range(count)
    ]  # fmt: skip


def expected(query: str, fields: tuple[str, ...]) -> float | None:
    """The catalogue's score, row by row: the query whole at a word start 1.0, whole
    0.75, else ``match``'s score for letters scattered in one field."""
    asked = " ".join(fold(query).split())
    folded = [fold(f) for f in fields]
    if any(re.search(r"(?<![^\W_])" + re.escape(asked), f) for f in folded):
        return 1.0
    if any(asked in f for f in folded):
        return 0.75
    return max((m[0] for f in fields if (m := match(query, f)) is not None), default=None)


def brute(query: str, table: list[tuple[str, ...]], shared: dict[int, int]) -> list[int]:
    scores = {p: s for p, row in enumerate(table) if (s := expected(query, row)) is not None}
    return sorted(scores, key=lambda p: (-scores[p], -shared.get(p, 0), p))


def test_the_catalogue_ranks_as_matching_each_row_would() -> None:
    table = rows(400)
    catalogue = Catalogue(table)
    shared = {17: 3, 250: 9, 399: 1}
    for query in ["", "r", "re", "rep", "report 1", "PEACE", "ukr talk", "über", "a-b",
                  "x_y", "b 3", "site3", "2025-03", "reuters", "zzq", "pk", "0000 01"]:  # fmt: skip
        best, total = catalogue.ranked(query, shared, 60)
        everything = brute(query, table, shared) if query else sorted(
            range(len(table)), key=lambda p: (-shared.get(p, 0), p))  # fmt: skip
        assert best == everything[:60], query
        assert total in (None, len(everything)), query


def test_a_longer_query_searches_only_what_the_shorter_matched() -> None:
    catalogue = Catalogue(rows(300))
    catalogue.ranked("ukr", {}, 1000)  # every match listed: the search is complete
    assert catalogue.last is not None and catalogue.last[0] == "ukr"
    best, total = catalogue.ranked("ukr t", {}, 1000)
    assert best == brute("ukr t", rows(300), {}) and total == len(best)


def test_the_count_is_given_only_when_the_search_finished() -> None:
    table = rows(2000)
    catalogue = Catalogue(table)
    best, total = catalogue.ranked("report", {}, 60)  # 60 at a word start: it stops early
    assert len(best) == 60 and total is None
    best, total = catalogue.ranked("report 1999", {}, 60)
    assert best[0] == 1999 and total == len(brute("report 1999", table, {}))


def test_scattered_letters_stop_at_the_time_budget(monkeypatch) -> None:
    catalogue = Catalogue(rows(3000))
    monkeypatch.setattr(matching, "BUDGET", -1.0)  # out of time at once
    best, total = catalogue.ranked("ukrtlk", {}, 60)
    assert len(best) < 60 and total is None and catalogue.last is None


def test_a_rare_letter_is_looked_for_only_where_it_is(monkeypatch) -> None:
    catalogue = Catalogue(rows(3000) + [("a quiz on Kyiv", "", "", "", "")])
    monkeypatch.setattr(matching, "BUDGET", -1.0)  # no time for row by row
    assert catalogue.ranked("zzq", {}, 60) == ([], 0)  # no row holds a "q": none can match
    assert catalogue.ranked("qzk", {}, 60) == ([3000], 1)
