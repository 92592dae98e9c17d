"""Command palette entries: every described binding of the focused widget, the screen
and the app, with the keys they are bound to, and one entry per label of the store.
With an empty query the palette lists them all. Label names are the user's: they pass
the one sanitiser and are never read as markup."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from newsgloss.tui.cells import terminal_text
from newsgloss.tui.keys import describe_keys
from newsgloss.tui.matching import highlighted, match
from newsgloss.tui.screens.help import key_names


class BindingCommands(Provider):
    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        """(text, what it runs, help) of every entry, in the order the palette lists them."""
        keymap = self.app.start.keymap  # the NewsglossApp's
        targets = [self.screen, self.app]
        if self.focused is not None:
            targets.insert(0, self.focused)
        seen = set()
        for target in targets:
            for binding in describe_keys(type(target).BINDINGS, keymap):
                if not getattr(binding, "description", "") or binding.description in seen:
                    continue
                seen.add(binding.description)
                run = partial(self.app.run_action, binding.action, target)
                yield binding.description, run, escape(f"key: {key_names(binding, self.app)}")
        reader = self.app.reader
        if self.screen is not reader:  # label keys tag in the reader only
            return
        for label in reader.labels:
            # The palette reads a hit's help as markup: escaped, as the key may be "[".
            key = escape(f"key: {terminal_text(label.key)}") if label.key else "no key"
            yield f"Tag as {label.name}", partial(reader.tag, label.name), key

    async def discover(self) -> Hits:
        for text, run, help in self.commands():
            yield DiscoveryHit(Content(terminal_text(text)), run, text=text, help=help)

    async def search(self, query: str) -> Hits:
        for text, run, help in self.commands():
            found = match(query, text)
            if found is not None:
                score, offsets = found
                yield Hit(score, highlighted(text, offsets), run, text=text, help=help)
