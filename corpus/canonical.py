"""Canonical text: the one string that is stored, shown, analysed and annotated.

Offsets everywhere are Python ``str`` indices into this text, so every rule here
decides what an offset means; changing a rule changes document ids.
"""

from __future__ import annotations

import re

from newsgloss.corpus.errors import CorpusError

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Well-formed escape sequences only: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or
# ST, within one line) and two-character ESC sequences. An unfinished one loses its
# escape byte alone: an OSC left open once swallowed the rest of an article.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b[ -Z\\^-~]?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")  # only JSON escapes can make these
# Any character one of the steps below would change: text without one is canonical as it
# is (most titles, labels and notes), and is returned without four passes over it.
_CHANGED = re.compile(r"[\x00-\x08\t\x0b-\x1f\x7f-\x9f\r\u2028\u2029\ud800-\udfff]")
TAB_SIZE = 4


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: a BOM picks the encoding, otherwise UTF-8 is required."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise CorpusError(
                    f"{name}: not valid {encoding} after its byte-order mark "
                    f"(byte offset {error.start + len(bom)})"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(f"{name}: binary file (NUL byte at offset {nul}), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise CorpusError(
            f"{name}: not UTF-8 (byte 0x{bad:02x} at offset {error.start} cannot be decoded)"
        ) from None


# UTF-8 read as Windows-1252 or Latin-1 (mojibake) leaves a lead byte, Â to ô, before a
# continuation byte shown as a C1 control or one of cp1252's specials (€ ‚ “ ” ™ …).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 mis-decoded as Windows-1252 or Latin-1 (``â€™`` becomes ``’``, ``Ã©``
    becomes ``é``) with ftfy's encoding fix alone: curly quotes and everything else stay
    as they are. A cheap search decides first, so clean text (nearly all) costs ~10 ms
    a megabyte; ftfy judges the rest. Runs before control characters are removed, which
    would otherwise leave a bare ``â`` of ``â\x80\x99``."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    from ftfy import fix_encoding  # loaded only for text that needs it

    return fix_encoding(text)


def canonical_text(text: str) -> str:
    """Normalise line breaks, drop escape sequences and control characters, expand tabs.

    A lone surrogate (possible only from a JSON escape) becomes U+FFFD so the text
    always encodes as UTF-8.
    """
    if not _CHANGED.search(text):
        return text
    text = _LINE_BREAKS.sub("\n", text)
    text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return text.expandtabs(TAB_SIZE)


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """Plain text of a Markdown article, and its first heading.

    Each heading and paragraph becomes one line, blocks are separated by a blank
    line, list items keep a short marker, and link, emphasis and HTML syntax is
    dropped while its text is kept.
    """
    from markdown_it import MarkdownIt  # here: its import is a tenth of the reader's start

    tokens = MarkdownIt("commonmark").parse(source)
    blocks: list[str] = []
    first_heading: str | None = None
    markers: list[str] = []  # the marker of the list item being written, innermost last
    pending_marker = ""
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            ordered = token.markup in (".", ")")
            pending_marker = f"{token.info}{token.markup} " if ordered else "- "
            markers.append(pending_marker)
        elif token.type == "list_item_close":
            markers.pop()
        elif token.type == "inline":
            line = _inline_text(token.children or [])
            if tokens[index - 1].type == "heading_open" and first_heading is None:
                first_heading = line.strip()
            indent = "  " * max(len(markers) - 1, 0)
            blocks.append(indent + pending_marker + line if pending_marker else line)
            pending_marker = ""
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block.strip()), first_heading


def _inline_text(children: list) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)
