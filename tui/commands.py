"""Command palette entries: every described binding of the focused widget, the screen
and the app, with the keys they are bound to, and one entry per label of the store."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

from newsgloss.tui.keys import describe_keys
from newsgloss.tui.screens.help import key_names


class BindingCommands(Provider):
    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
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
                score = matcher.match(binding.description)
                if score > 0:
                    yield Hit(
                        score,
                        matcher.highlight(binding.description),
                        partial(self.app.run_action, binding.action, target),
                        help=f"key: {key_names(binding, self.app)}",
                    )
        reader = self.app.reader
        if self.screen is not reader:  # label keys tag in the reader only
            return
        for label in reader.labels:
            text = f"Tag as {label.name}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(reader.tags.tag, label.name),
                    help=f"key: {label.key}" if label.key else "no key",
                )
