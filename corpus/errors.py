"""Errors a user can cause: caught at the edge (command line, app) and shown as one line,
made printable by the one sanitiser every message passes."""

import re


class UserError(Exception):
    """Bad input from the user; the message is one sentence that names the file and the problem."""


class CorpusError(UserError):
    """An article file or folder that cannot be read as a document."""


# Control characters (escape sequences start with one), line breaks and bidirectional
# controls: none may reach a terminal from a message, where a file name holding
# ESC ] 52 would set the clipboard and one holding U+202E would reorder the line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def printable(text: str) -> str:
    """``text`` safe to print as one line: every such character written as its escape
    (``\\x1b``, ``\\n``, ``\\u202e``), everything else as it is."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
