"""Command palette entries for every described binding of the app and the focused pane."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

from newsgloss.tui.screens.help import key_names


class BindingCommands(Provider):
    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        targets = [self.app]
        if self.focused is not None:
            targets.insert(0, self.focused)
        seen = set()
        for target in targets:
            for binding in type(target).BINDINGS:
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
