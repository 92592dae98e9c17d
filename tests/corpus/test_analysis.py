"""Entity and sentence analysis with the real spaCy pipeline."""

import itertools
import json
from pathlib import Path

import pytest
from wcwidth import iter_graphemes

from newsgloss.corpus import Document
from newsgloss.corpus.analysis import (
    Analyzer,
    ModelError,
    PipelineInfo,
    components_to_keep,
    find_pipeline,
    split_long_sentence,
    split_text,
    whole_grapheme,
)


def check_offsets(text: str, analysis) -> None:
    for entity in analysis.entities:
        assert text[entity.start : entity.end] == entity.text
        assert "\n" not in entity.text
    previous_end = 0
    for start, end in analysis.sentences:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


def test_seed_article_entities(analyzer, sample_documents) -> None:
    (analysis,) = analyzer.analyze([sample_documents[0].text])
    found = {(e.label, e.text) for e in analysis.entities}
    for expected in [
        ("PERSON", "Vladimir Putin"),
        ("PERSON", "Volodymyr Zelensky"),
        ("PERSON", "Yuri Ushakov"),
        ("GPE", "Ukraine"),
        ("ORG", "NATO"),
    ]:
        assert expected in found
    assert analyzer.nlp.pipe_names == ["senter", "ner"]


def test_offsets_and_sentences_of_every_seed(analyzer, sample_documents) -> None:
    analyses = list(analyzer.analyze(d.text for d in sample_documents))
    assert len(analyses) == 5
    for document, analysis in zip(sample_documents, analyses, strict=True):
        check_offsets(document.text, analysis)
        assert len(analysis.sentences) >= 9
    heading = sample_documents[3].text.index("\n")
    assert analyses[3].sentences[0] == (0, heading)  # the headline is its own sentence


def test_text_over_max_length_is_chunked_with_offsets_kept(analyzer, sample_documents) -> None:
    text = "\n\n".join(d.text for d in sample_documents) + "\nLast line by Angela Merkel."
    whole = Document.from_text(text)
    saved = analyzer.nlp.max_length
    analyzer.nlp.max_length = 3000  # far below the text's length
    try:
        (analysis,) = analyzer.analyze([whole.text])
    finally:
        analyzer.nlp.max_length = saved
    check_offsets(whole.text, analysis)
    tail = whole.text.index("Angela Merkel")
    assert any(e.start == tail and e.text == "Angela Merkel" for e in analysis.entities)
    assert sum(e.text == "Yuri Ushakov" for e in analysis.entities) >= 1


def test_split_text_cuts_at_line_breaks_then_spaces() -> None:
    text = "aaaa\nbbbb cccc dddd\neeeeeeeeeeeeee"
    pieces = list(split_text(text, 8))
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 8 for _, piece in pieces)
    assert pieces[0] == (0, "aaaa\n")
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_missing_pipeline_names_it_and_how_to_install() -> None:
    with pytest.raises(ModelError) as error:
        find_pipeline("en_no_such_pipeline")
    assert str(error.value) == (
        "spaCy pipeline en_no_such_pipeline is not installed "
        "(install it with: pip install en-no-such-pipeline)"
    )


def test_pipeline_that_fails_to_load(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text(
        json.dumps({"lang": "en", "name": "broken", "version": "1"})
    )
    (tmp_path / "config.cfg").write_text('[nlp]\nlang = en\npipeline = ["ner"]\n[components]\n')
    info = find_pipeline(str(tmp_path))
    assert info == PipelineInfo("en_broken", "1", tmp_path)
    with pytest.raises(ModelError, match=r"^spaCy pipeline en_broken failed to load \("):
        list(Analyzer(info).analyze(["text"]))


def test_components_follow_listeners() -> None:
    listener = {"model": {"tok2vec": {"@architectures": "spacy.Tok2VecListener.v1"}}}
    own = {"model": {"tok2vec": {"@architectures": "spacy.Tok2Vec.v2"}}}
    trf = {"model": {"tok2vec": {"@architectures": "spacy-transformers.TransformerListener.v1",
                                 "upstream": "transformer"}}}  # fmt: skip
    small = {
        "nlp": {"pipeline": ["tok2vec", "tagger", "parser", "senter", "ner"]},
        "components": {"ner": own, "senter": own, "parser": listener},
    }
    assert components_to_keep(small) == {"ner", "senter"}
    no_senter = {
        "nlp": {"pipeline": ["tok2vec", "parser", "ner"]},
        "components": {"ner": own, "parser": listener},
    }
    assert components_to_keep(no_senter) == {"ner", "parser", "tok2vec"}
    transformer = {
        "nlp": {"pipeline": ["transformer", "parser", "ner"]},
        "components": {"ner": trf, "parser": trf},
    }
    assert components_to_keep(transformer) == {"transformer", "parser", "ner"}


TICKER = "SENSEX 72,100.55 ▲ 0.41%  NIFTY 21,904.10 ▲ 0.35%  GOLD 62,310 ▼ 0.12%  " * 12
QUOTE = "“We will not accept any deal that divides Ukraine,”"


def test_a_long_run_on_sentence_is_split_so_a_quote_stands_alone() -> None:
    text = f"{TICKER}Markets LIVE {QUOTE} Zelensky said on Friday."
    pieces = [text[s:e] for s, e in split_long_sentence(text, 0, len(text))]
    assert QUOTE in pieces
    assert all(piece == piece.strip() and len(piece) < 300 for piece in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")  # nothing lost
    short = "He said: “yes.” Then he left."
    assert list(split_long_sentence(short, 0, len(short))) == [(0, len(short))]


def test_the_analysis_splits_scraped_debris_and_keeps_graphemes_whole(analyzer) -> None:
    text = f"{TICKER}Markets LIVE {QUOTE} Zelensky said.\nFamily 👨‍👩‍👧. Great 👍🏽. Done."
    (analysis,) = analyzer.analyze([text])
    sentences = [text[s:e] for s, e in analysis.sentences]
    assert QUOTE in sentences  # s and c on the quote tag the quote
    assert max(len(sentence) for sentence in sentences) < 300
    graphemes = {0, *itertools.accumulate(len(g) for g in iter_graphemes(text))}
    for start, end in analysis.sentences:
        assert start in graphemes and end in graphemes, text[start:end]


def test_a_boundary_inside_a_grapheme_moves_to_its_end() -> None:
    text = "Family 👨‍👩‍👧 here"
    emoji_start = text.index("👨")
    emoji_end = emoji_start + len("👨‍👩‍👧")
    assert whole_grapheme(text, emoji_start) == emoji_start
    assert whole_grapheme(text, emoji_start + 2) == emoji_end  # between the joined emoji
    assert whole_grapheme("e\u0301 x", 1) == 2  # a letter and its accent stay together
    assert whole_grapheme(text, len(text)) == len(text)
