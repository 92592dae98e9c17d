"""The cyclic garbage collector, paused while ``newsgloss`` starts.

Start-up makes some 100,000 objects the collector tracks, which live as long as the
process: modules, classes, parsed styles. Made with the collector on, they set off a
dozen young collections and one full one that walks them all, 15 ms, in the middle of
the reader's first frame. So ``newsgloss`` starts with the collector off
(``tui/entry.py``), and turns it back on once the command is under way (the reader:
after its first frame), first setting aside what exists by then (``gc.freeze``), which
is never walked again.
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Collect again, leaving out the objects that exist now; nothing if not paused (as
    under the tests, which never go through the entry point)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
