"""The reader: the screen of article panes, and what it runs in the background."""
