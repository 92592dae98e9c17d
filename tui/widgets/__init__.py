"""Widgets of the reader's frame: the legend and the footer."""
