import pytest

from newsgloss.corpus import CorpusError
from newsgloss.corpus.canonical import canonical_text, decode, markdown_to_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        ("red \x1b[31mwarning\x1b[0m done", "red warning done"),
        ("title \x1b]0;evil\x07kept", "title kept"),
        ("bell\x07 nul\x00 del\x7f c1\x85\x9b end", "bell nul del c1 end"),
        ("a\tb", "a   b"),
        ("keep\ttab\nand\tnewline", "keep    tab\nand newline"),
        ("line\u2028sep\u2029para", "line\nsep\npara"),
        ("emoji 🦆 CJK 漢字 e\u0301", "emoji 🦆 CJK 漢字 e\u0301"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ],
)
def test_canonical_text(raw: str, expected: str) -> None:
    assert canonical_text(raw) == expected


def test_canonical_text_is_idempotent() -> None:
    raw = "a\r\n\x1b[1mb\x1b[0m\tc\x00"
    assert canonical_text(canonical_text(raw)) == canonical_text(raw)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfhello",
        "hello".encode("utf-16"),  # with its BOM
        "\ufeffhello".encode("utf-16-be"),
    ],
)
def test_decode_honours_and_drops_byte_order_marks(data: bytes) -> None:
    assert decode(data, "f.txt") == "hello"


def test_decode_names_the_offset_of_a_bad_byte() -> None:
    with pytest.raises(CorpusError, match=r"^f\.txt: not UTF-8 \(byte 0xff at offset 3"):
        decode(b"abc\xffdef", "f.txt")


def test_decode_refuses_binary() -> None:
    with pytest.raises(CorpusError, match=r"^f\.bin: binary file \(NUL byte at offset 2\)"):
        decode(b"ab\x00cd", "f.bin")


def test_markdown_keeps_text_and_drops_syntax() -> None:
    text, heading = markdown_to_text(
        "# The *big* story\n\nAn [important](http://x.y) **claim** with `code`\n"
        "wrapped here.\n\n- one\n- two _items_\n\n1. first\n\n<https://example.org/a>\n"
    )
    assert heading == "The big story"
    assert text == (
        "The big story\n\nAn important claim with code wrapped here.\n\n- one\n\n"
        "- two items\n\n1. first\n\nhttps://example.org/a"
    )


def test_tabs_reach_the_next_multiple_of_four_from_the_line_start() -> None:
    assert canonical_text("ab\tc") == "ab  c"  # the README's example
    assert canonical_text("\tx\n12345\ty") == "    x\n12345   y"


def test_an_unfinished_escape_sequence_loses_its_escape_byte_not_the_text_after_it() -> None:
    article = "Kyiv said on Monday \x1b]0;a title never ended\nthat the talks would resume."
    assert canonical_text(article) == (
        "Kyiv said on Monday ]0;a title never ended\nthat the talks would resume."
    )
    assert canonical_text("red \x1b[31\nnext \x1b[") == "red [31\nnext ["  # no final byte
    link = "\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\"
    finished = f"a\x1b]0;title\x07b {link} c \x1b[1;31md\x1b[0m"
    assert canonical_text(finished) == "ab link c d"
    assert canonical_text("keep \x1bc reset") == "keep  reset"  # a two-character sequence
