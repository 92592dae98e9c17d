"""Errors a user can cause: caught at the edge (command line, app) and shown as one line."""


class UserError(Exception):
    """Bad input from the user; the message is one sentence that names the file and the problem."""


class CorpusError(UserError):
    """An article file or folder that cannot be read as a document."""
