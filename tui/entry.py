"""The ``newsgloss`` command's entry point: the command line, started with the garbage
collector paused (``tui/collector.py``)."""

from __future__ import annotations

from newsgloss.tui import collector


def main() -> None:
    collector.pause()
    try:
        from newsgloss.tui.cli import main as command_line

        command_line()
    finally:
        collector.resume()  # if the command ended before it could
