"""Saved pages: the article without the site around it, offline, one line when empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgloss.corpus import CorpusError, load_paths
from newsgloss.corpus.loader import load_file

PAGES = Path(__file__).parents[1] / "data" / "pages"


def test_a_saved_page_gives_the_article_its_title_and_canonical_url() -> None:
    (document,) = load_file(PAGES / "daily.html")
    text = document.text
    assert document.title == "Floods close schools"
    assert document.source == "https://daily.example.com/news/floods-close-schools"
    for kept in ("Heavy rain closed 40 schools", "Dr. K. Rao", "More rain is forecast"):
        assert kept in text
    for chrome in ("We use cookies", "Sign in", "Related stories", "Ten things to know",
                   "Great reporting", "Subscribe", "All rights reserved", "<"):  # fmt: skip
        assert chrome not in text, chrome


def test_a_page_in_its_own_charset_reads_right() -> None:
    (document,) = load_file(PAGES / "cyrillic-1251.html")
    assert document.title == "Переговоры возобновятся в Стамбуле"
    assert "Делегации России и Украины встретятся в Стамбуле" in document.text
    assert "Главная" not in document.text and "Все права защищены" not in document.text


def test_a_page_without_an_article_is_one_line_naming_it() -> None:
    with pytest.raises(CorpusError, match=r"empty\.html: no article text found in the page"):
        load_file(PAGES / "empty.html")
    result = load_paths(sorted(PAGES.glob("*.html")))  # the others are read
    assert sorted(d.title for d in result.documents) == [
        "Floods close schools",
        "Переговоры возобновятся в Стамбуле",
    ]
    assert len(result.errors) == 1 and "empty.html" in result.errors[0]
