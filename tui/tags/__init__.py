"""Annotating in the reader: tagging actions, the tags panel and its dialogs."""
