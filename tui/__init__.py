"""The Textual reader and the ``newsgloss`` command line."""
