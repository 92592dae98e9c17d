"""The reader's views of the whole corpus: search (``F``), every tag (``T``), the index of
names (``E``), two annotators' tags compared (``K``), and the correction of the entity
under the cursor (``R``). A part of
``ReaderScreen`` (the screen inherits it); each view is a screen pushed over the reader,
and what is chosen there opens in a pane through the screen's ``_open``."""

from __future__ import annotations

from newsgloss.tui.reader.panes import MAX_PANES


class CorpusViews:
    """Needs the screen's ``store``, ``pipeline``, ``tagging``, ``labels``, ``panes``,
    ``current_pane()``, ``ready()``, ``load_analyses`` and ``_open``."""

    def action_search(self) -> None:
        """Every stored article searched as you type (key ``F``); the hit chosen opens
        at its place, here or (ctrl+n) in a new pane."""
        if not self.ready():
            return
        from newsgloss.tui.screens.search import SearchScreen

        def chosen(hit) -> None:
            if hit is not None:
                new_pane = hit.new_pane and len(self.panes) < MAX_PANES
                self.call_later(self._open, hit.doc_id, new_pane, hit.start)

        self.app.push_screen(SearchScreen(self.store.path), chosen)

    def action_tags(self) -> None:
        """Every tag of the desk in one list (key ``T``); the tag chosen opens here."""
        if not self.ready():
            return
        from newsgloss.tui.screens.tags import TagsScreen

        def chosen(tag) -> None:
            if tag is not None:
                self.call_later(self._open, tag.doc_id, False, tag.start)

        labels = [label.name for label in self.labels]
        self.app.push_screen(TagsScreen(self.store.path, labels), chosen)

    def action_names(self) -> None:
        """The index of names across the corpus (key ``E``); the mention chosen opens
        here with the cursor on it."""
        if not self.ready():
            return
        if self.pipeline is None:
            self.notify("No entity model is installed: there are no names", severity="warning")
            return
        from newsgloss.tui.screens.names import NamesScreen

        def chosen(place) -> None:
            if place is not None:
                self.call_later(self._open, place[0], False, place[1])

        screen = NamesScreen(self.store.path, self.pipeline, self.tagging.annotator)
        self.app.push_screen(screen, chosen)

    def action_compare(self) -> None:
        """The current article's tags of one annotator against another's (key ``K``)."""
        if not self.ready():
            return
        from newsgloss.annotations import api
        from newsgloss.tui.compare.screen import CompareScreen

        pane = self.current_pane()
        doc_id = pane.document.id
        names = [n for n in api.adjudication.annotators_of(self.store, doc_id)
                 if n != api.adjudication.ADJUDICATED]  # fmt: skip
        if len(names) < 2:
            found = ", ".join(name or "(no annotator)" for name in names) or "no tags"
            self.notify(f"Comparing needs two annotators' tags on this article ({found})",
                        severity="warning", markup=False)  # fmt: skip
            return
        screen = CompareScreen(pane.document, self.tagging, names, self.highlighting,
                               pane.view.cursor)  # fmt: skip
        self.app.push_screen(screen, lambda _: self.show_annotations(doc_id))

    def action_correct_entity(self) -> None:
        """Correct the entity under the cursor, or make the selection one (key ``R``)."""
        if not self.ready():
            return
        from newsgloss.annotations import api
        from newsgloss.tui.screens.correction import CorrectionScreen

        pane = self.current_pane()
        view, doc_id, text = pane.view, pane.document.id, pane.document.text
        selected = view.selection_range()
        entity = None if selected else view.entity_at(view.cursor)
        if selected:
            start, end = selected
            start += len(text[start:end]) - len(text[start:end].lstrip())
            end -= len(text[start:end]) - len(text[start:end].rstrip())
        elif entity is not None:
            start, end = entity.start, entity.end
        else:
            self.notify("Put the cursor on an entity, or select a passage, to correct it",
                        severity="warning")  # fmt: skip
            return
        if start >= end:
            return
        quote = text[start:end]
        rule = api.rule_at(self.store, doc_id, start, end, quote)
        there = view.entity_at(start)  # the entity the span is, if it is one
        label = there.label if there and (there.start, there.end) == (start, end) else None

        def save(correction) -> None:
            if correction is not None:
                self._save_correction(doc_id, start, end, quote, correction, rule)

        dialog = CorrectionScreen(quote, label, rule is not None, view.entity_labels)
        self.app.push_screen(dialog, save)

    def _save_correction(self, doc_id, start, end, quote, correction, rule) -> None:
        from newsgloss.annotations import api
        from newsgloss.corpus import UserError

        annotator = self.tagging.annotator
        try:
            if correction.forget:
                api.forget_correction(self.store, rule)
                said = f"{quote!r}: as the model has it"
            else:
                where = {} if correction.everywhere else {"doc_id": doc_id, "start": start,
                                                          "end": end}  # fmt: skip
                new = api.Rule(quote, correction.label, annotator=annotator, **where)
                api.correct(self.store, new)
                said = new.describe()
        except UserError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(said)
        for pane in self.panes:
            pane.view.action_clear_selection()
        self.load_analyses(self.panes)
