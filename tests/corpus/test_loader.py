import json
from pathlib import Path

import pytest

from newsgloss.corpus import CorpusError, Document, load_file, load_paths, sample_paths
from newsgloss.corpus.document import TITLE_LIMIT, document_id, title_from_text
from newsgloss.corpus.loader import MAX_FILE_BYTES

MOSCOW_TIMES = (
    "https://www.themoscowtimes.com/2025/05/12/"
    "what-prospects-are-there-for-russia-ukraine-peace-talks-in-istanbul-a89051"
)


def test_sample_corpus_has_five_articles_with_sensible_titles(sample_documents) -> None:
    titles = [document.title for document in sample_documents]
    assert len(titles) == 5
    assert titles[1] == (
        "Moscow, Russia – Russian President Vladimir Putin affirmed that his country "
        "remains open to conducting peace talks with Ukraine."
    )
    assert (
        titles[3]
        == "Istanbul Talks Revisited: Can Russia and Ukraine Find Common Ground for Peace?"
    )
    assert titles[4] == "What Prospects Are There for Russia-Ukraine Peace Talks in Istanbul?"
    assert titles[0].startswith("MOSCOW — Russian President Vladimir Putin")
    assert all(0 < len(title) <= TITLE_LIMIT for title in titles)


def test_sample_sources_are_the_url_or_the_sample_name(sample_documents, tmp_path) -> None:
    assert sample_documents[4].source == MOSCOW_TIMES
    for document, path in zip(sample_documents[:4], sample_paths()[:4], strict=True):
        assert document.source == f"sample/{path.name}"  # not where it is installed
    elsewhere = tmp_path / "story.txt"
    elsewhere.write_text("A story\nwith no link")
    assert load_file(elsewhere)[0].source == str(elsewhere)


def test_markdown_sample_keeps_no_link_or_emphasis_syntax(sample_documents) -> None:
    text = sample_documents[4].text
    for syntax in ("](", "[said", "**", "*AFP", "<https", "# What"):
        assert syntax not in text
    assert "Kremlin aide Yury Ushakov said Sunday" in text
    assert "\nAFP contributed reporting.\n" in text


def test_document_id_is_the_sha256_of_the_canonical_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Same text\r\nhere")
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbfSame text\nhere")
    result = load_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert [document.id for document in result.documents] == [document_id("Same text\nhere")]


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("# Two\n\nbody")
    (tmp_path / "a.txt").write_text("One\nbody")
    (tmp_path / ".hidden.txt").write_text("Hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Also hidden")
    (tmp_path / "notes.csv").write_text("not an article")
    result = load_paths([tmp_path])
    assert [document.title for document in result.documents] == ["One", "Two"]
    assert result.errors == []


def test_jsonl_corpus(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        {"text": "First story.\nBody", "title": "Given title", "url": "https://a.example/1"},
        {"text": "Second story", "source": "Wire", "id": 42},
        {"text": "Third\tstory"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")
    documents = load_file(path)
    assert [(d.title, d.source) for d in documents] == [
        ("Given title", "https://a.example/1"),
        ("Second story", "Wire"),
        ("Third story", f"{path}:3"),
    ]
    assert documents[2].text == "Third   story"
    assert documents[1].external_id == "42"


def test_long_title_is_cut_at_a_word() -> None:
    line = "word " * 100
    title = title_from_text(line)
    assert len(title) <= TITLE_LIMIT
    assert title.endswith("word…")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("nul.txt", b"some\x00binary", "binary file (NUL byte at offset 4)"),
        ("latin1.txt", "café".encode("latin-1"), "not UTF-8 (byte 0xe9 at offset 3"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "no text (only white space)"),
        ("bad.jsonl", b'{"text": "ok"}\n{not json\n', "bad.jsonl:2: not valid JSON"),
        ("notext.jsonl", b'{"title": "no text"}\n', 'notext.jsonl:1: no "text" string'),
    ],
)
def test_bad_files_raise_one_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError) as error:
        load_file(path)
    message = str(error.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_file_over_the_size_limit_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(CorpusError, match=r"huge\.txt: too large"):
        load_file(path)


def test_missing_path_and_empty_folder_are_errors_and_good_files_still_load(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "good.txt").write_text("Good article")
    result = load_paths([tmp_path / "missing.txt", tmp_path / "empty", tmp_path / "good.txt"])
    assert [document.title for document in result.documents] == ["Good article"]
    assert result.errors == [
        f"{tmp_path / 'missing.txt'}: no such file or folder",
        f"{tmp_path / 'empty'}: no articles in this folder "
        "(looked for .htm, .html, .jsonl, .markdown, .md, .txt)",
    ]


def test_limit_leaves_the_files_after_it_unread(tmp_path: Path) -> None:
    for name in ("a.txt", "c.txt", "d.md"):
        (tmp_path / name).write_text(f"Article {name}")
    (tmp_path / "b.txt").write_text("")
    result = load_paths([tmp_path, tmp_path / "missing.txt"], limit=2)
    assert [document.title for document in result.documents] == ["Article a.txt", "Article c.txt"]
    assert result.unread == [tmp_path / "d.md"]
    assert result.errors == [
        f"{tmp_path / 'b.txt'}: empty file",  # read before the limit was reached
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]
    rest = load_paths(result.unread)
    assert [document.title for document in rest.documents] == ["Article d.md"]


def test_document_from_text_derives_missing_fields() -> None:
    document = Document.from_text("Headline\nsee https://example.org/story\n")
    assert document.title == "Headline"
    assert document.source is None  # the URL does not stand alone on its line
    alone = Document.from_text("Headline\n  https://example.org/story  \n")
    assert alone.source == "https://example.org/story"


def test_mojibake_is_repaired_and_curly_quotes_are_kept(tmp_path: Path) -> None:
    cp1252 = tmp_path / "cp1252.txt"  # UTF-8 read once as Windows-1252, saved as UTF-8
    cp1252.write_text("Russiaâ€™s envoy said â€œyesâ€\x9d at the cafÃ© â€” ‘kept’ as is.")
    (document,) = load_file(cp1252)
    assert document.text == "Russia’s envoy said “yes” at the café — ‘kept’ as is."
    latin1 = tmp_path / "latin1.txt"  # the same through Latin-1: C1 controls, not bare "â"
    latin1.write_text("Russia’s café".encode().decode("latin-1"))
    assert load_file(latin1)[0].text == "Russia’s café"
    corpus = tmp_path / "scraped.jsonl"
    corpus.write_text(json.dumps({"title": "Kyivâ€™s reply", "text": "Itâ€™s done."}) + "\n")
    (scraped,) = load_file(corpus)
    assert (scraped.title, scraped.text) == ("Kyiv’s reply", "It’s done.")
    clean = tmp_path / "clean.txt"
    clean.write_text("“Curly” and ‘single’ quotes, Ã alone, नमस्ते")
    assert load_file(clean)[0].text == "“Curly” and ‘single’ quotes, Ã alone, नमस्ते"


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "Skip to comments.\nThe council votes on the budget\nBody.",
            "The council votes on the budget",
        ),
        ("Forgot Your Password?\nSign in\nFloods close schools\nBody.", "Floods close schools"),
        ("Hello,  Guest\nThe headline\nBody.", "The headline"),
        ("<!DOCTYPE html><html><head><title>x</title>\nA headline\nBody.", "A headline"),
        ("<div>Menu</div>\n<p>", "Menu"),  # nothing but chrome: the first line, unmarked
        ("Original url: https://example.com/a\nThe headline\nBody.", "The headline"),
        ("https://example.com/a\nThe headline\nBody.", "The headline"),
    ],
)
def test_a_title_is_never_site_chrome_or_markup(text: str, title: str) -> None:
    from newsgloss.corpus.document import title_from_text

    assert title_from_text(text) == title
