"""Alignment of two articles' sentence units (corpus/align.py), on the real sample pair
003/004 (two paraphrases of one Moscow Times piece) analysed by the real pipeline."""

from __future__ import annotations

from pathlib import Path

from newsgloss.annotations import Store, api
from newsgloss.corpus import load_file
from newsgloss.corpus.align import (
    SUBSTANCE,
    align,
    boilerplate,
    heading,
    normalised,
    passage_spans,
    passages,
    stem,
    substance,
    units,
)
from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline
from newsgloss.corpus.terms import rarity

# Hand-checked pairs of 003 and 004 (the start of each unit): the same passage.
SAME_PASSAGES = [
    ("This proposal seems to be a reaction", "The proposal came in response"),
    ("Kremlin aide Yury Ushakov mentioned", "Kremlin aide Yury Ushakov said"),
    ("In the autumn of 2022", "In autumn 2022"),
    ("“It is clear that a dialogue is impossible", "“It is clear that this is impossible"),
    ("By June, Russia confirmed", "In June 2022, Russia confirmed"),
    ("In a November 2023 interview", "In a November 2023 interview"),
    ("Russia currently controls around 20%", "Russia's army controls around one-fifth"),
]


def test_units_are_sentences_split_at_line_breaks_and_trimmed() -> None:
    text = "Title line\n\n  First sentence. Second\nhalf.\n\n***\n"
    second = text.index("Second")
    sentences = [(0, second - 1), (second, len(text))]
    assert [text[s:e] for s, e in units(text, sentences)] == [
        "Title line", "First sentence.", "Second", "half.",
    ]  # fmt: skip


def test_stems_and_normalised_lines() -> None:
    assert stem("talks") == "talk" and stem("proposed") == "propos" and stem("is") == "is"
    assert normalised("Share this: Facebook!") == "share this facebook"


def test_boilerplate_is_repeated_within_an_article_or_across_many() -> None:
    footer = "Subscribe to our newsletter"
    texts = [f"Story {n} happened.\n{footer}" for n in range(3)]
    spans = [units(text, []) for text in texts]
    assert boilerplate(zip(texts, spans, strict=True)) == {"subscribe to our newsletter"}
    twice = "Read more\nA fact.\nRead more"
    assert boilerplate([(twice, units(twice, []))]) == {"read more"}


def test_an_article_aligns_with_itself_sentence_for_sentence() -> None:
    text = "Ushakov said talks would resume.\nThe Kremlin agreed on Sunday.\nMarkets fell."
    spans = units(text, [])
    links = align(text, spans, text, spans)
    assert [(k.a_start, k.b_start, k.kind) for k in links] == [(s, s, "same") for s, _ in spans]
    assert all(k.score > 0.99 for k in links)
    assert align(text, [], text, spans) == []


def test_the_sample_paraphrases_align_in_order(analysed_db, sample_documents) -> None:
    a, b = sample_documents[3], sample_documents[4]
    with Store.open(analysed_db) as store:
        links = api.align_documents(store, find_pipeline(DEFAULT_MODEL), a.id, b.id)
    pairs = [(a.text[k.a_start : k.a_end], b.text[k.b_start : k.b_end], k.kind) for k in links]
    for left, right in SAME_PASSAGES:
        assert any(x.startswith(left) and y.startswith(right) for x, y, _ in pairs), left
    same = [(x, y) for x, y, kind in pairs if kind == "same"]
    assert len(same) >= 12 and len(links) >= 25
    in_order = [k.b_start for k in links if k.kind == "same"]
    assert sum(x > y for x, y in zip(in_order, in_order[1:], strict=False)) <= 1  # in order


def test_the_loose_rewrite_links_what_both_state(analysed_db, sample_documents) -> None:
    """000 and 001 tell one Kremlin statement in other words and order: the talks' basis
    in the 2022 Istanbul draft is linked, though the two sentences share few words."""
    a, b = sample_documents[0], sample_documents[1]
    with Store.open(analysed_db) as store:
        links = api.align_documents(store, find_pipeline(DEFAULT_MODEL), a.id, b.id)
    pairs = {(a.text[k.a_start : k.a_end][:20], b.text[k.b_start : k.b_end][:20]) for k in links}
    assert ("Yuri Ushakov, the Kr", "He stressed that any") in pairs
    assert len(links) >= 8 and all(k.kind == "related" for k in links)


def test_a_unit_close_only_through_the_sentence_before_is_never_same(
    analysed_db, sample_documents
) -> None:
    """003's "In person.” follows a sentence on a summit, and is close to 002's summit
    sentence through it alone: it states nothing of its own, so it is never ``same``."""
    essay, article = sample_documents[2], sample_documents[3]
    assert "In person.”" in article.text
    with Store.open(analysed_db) as store:
        links = api.align_documents(store, find_pipeline(DEFAULT_MODEL), essay.id, article.id)
    kinds = {article.text[k.b_start : k.b_end]: k.kind for k in links}
    assert kinds.get("In person.”") in (None, "related")
    assert "same" in kinds.values()  # what both quote word for word still is


def test_headings_link_only_to_headings() -> None:
    text = "Talks in Istanbul resume\nUshakov said talks in Istanbul resume on Thursday."
    assert heading(text, 0, 24) and not heading(text, 25, len(text))
    assert not heading("What next? Talks", 0, 10)  # not a whole line
    other = "Istanbul talks resume\nThe Kremlin adviser Ushakov said talks resume in Istanbul."
    links = align(text, units(text, []), other, units(other, []))
    assert {(k.a_start, k.b_start) for k in links} <= {(0, 0), (25, 22)}


def test_align_prints_links_as_tsv_and_jsonl(run, analysed_db, sample_documents) -> None:
    from conftest import runner_for

    run = runner_for(analysed_db)
    a, b = sample_documents[3].id[7:19], sample_documents[4].id[7:19]
    result = run("align", a, b)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert len(rows) >= 25 and all(len(row) == 6 for row in rows)
    assert {row[5] for row in rows} == {"same", "related"}
    assert int(rows[0][0]) < int(rows[-1][0])
    jsonl = run("align", a, b, "--format", "jsonl").output.splitlines()
    assert len(jsonl) == len(rows) and '"kind": "same"' in "".join(jsonl)


UNRELATED = Path(__file__).parents[2] / "benchmarks" / "data" / "unrelated"


def test_articles_on_different_stories_get_no_link_and_chrome_never_links() -> None:
    cricket, taxis = (UNRELATED / name for name in ("cricket.txt", "robotaxi.txt"))
    a, b = (load_file(path)[0].text for path in (cricket, taxis))
    # both say "In August 2023, …" and "… Click here …": nothing of the story's own
    assert align(a, units(a, []), b, units(b, [])) == []
    assert substance("Subscribe to enjoy similar stories. Click here") == {}
    assert set(substance("Kremlin aide Yury Ushakov said in August")) == {
        "kremlin",
        "aide",
        "yury",
        "ushakov",
    }  # not "said", nor the month
    assert rarity("the") < 1 < SUBSTANCE < rarity("istanbul")


def test_common_words_alone_do_not_link() -> None:
    a = ("Ushakov said the Istanbul talks would resume on Thursday.\n"
         "Markets rose on the news across the region.\n"
         "The Kremlin spokesman declined to comment further.\n")  # fmt: skip
    b = ("The Kremlin adviser Ushakov confirmed that talks in Istanbul resume Thursday.\n"
         "Shares moved higher in the region after the news.\n")  # fmt: skip
    linked = {(a[k.a_start : k.a_end][:7], b[k.b_start : k.b_end][:9])
              for k in align(a, units(a, []), b, units(b, []))}  # fmt: skip
    assert ("Ushakov", "The Kreml") in linked
    assert not any(left == "Markets" for left, _ in linked)  # "news", "region": too common


def test_passage_spans_say_where_each_passage_is(sample_documents) -> None:
    """The candidate index numbers passages as ``passages`` lists them; the claims find a
    tag's passages by these spans."""
    text = "Original url: https://x.example/a\nFirst one. Second one!\n\n  \nThird? Yes."
    assert [text[s:e] for s, e in passage_spans(text)] == passages(text)
    assert passages(text) == ["First one.", "Second one!", "Third?", "Yes."]
    for document in sample_documents:
        spans = passage_spans(document.text)
        assert [document.text[s:e] for s, e in spans] == passages(document.text)
