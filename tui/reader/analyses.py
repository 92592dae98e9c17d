"""The reader's entity analyses: cached ones read off the screen's thread, missing ones
made in a subprocess (``analysis.py``), and the legend's status while they run. Once
the open articles are all analysed, the reader aligns them."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from newsgloss.tui.reader.analysis import AnalysisProcess, read_cached

if TYPE_CHECKING:
    from newsgloss.corpus.analysis import Analysis, PipelineInfo
    from newsgloss.tui.article.pane import ArticlePane
    from newsgloss.tui.reader.screen import ReaderScreen


class Analyses:
    def __init__(self, reader: ReaderScreen) -> None:
        self.reader = reader
        self.status = ""  # shown in the legend while an analysis runs
        self.processes: list[AnalysisProcess] = []

    def load(self, panes: list[ArticlePane]) -> None:
        """Show the panes' cached analyses; analyse the documents the cache lacks."""
        reader = self.reader
        if reader.store is not None and reader.pipeline is not None:
            reader.run_worker(
                lambda: self._read(panes, reader.pipeline), thread=True, group="cache"
            )

    def _read(self, panes: list[ArticlePane], pipeline: PipelineInfo) -> None:
        """In a worker thread: a big article's cached analysis takes a while to read."""
        ids = [pane.document.id for pane in panes]
        cached, missing = read_cached(self.reader.store.path, pipeline, ids)
        self.reader.app.call_from_thread(self._show, panes, cached, missing)

    def _show(
        self, panes: list[ArticlePane], cached: dict[str, Analysis], missing: list[str]
    ) -> None:
        reader = self.reader
        open_panes = reader.panes
        for pane in [pane for pane in panes if pane in open_panes]:  # one may have closed
            if pane.document.id in cached:
                pane.view.set_analysis(cached[pane.document.id])
            pane.analysing = pane.document.id in missing
            pane.update_status()
        # Analyses live as long as their panes: without this, every full pass of the
        # cyclic GC rescans their entities (about 0.2 s for four 5 MB articles, a stall
        # at whatever key press set it off). Refcounting still frees a closed pane's.
        gc.freeze()
        reader.refresh_legend()
        if reader.closing:  # quit while the cache was read: start nothing that outlives it
            return
        if missing:
            reader.run_worker(self._analyse(missing), group="analysis")
        elif len(reader.panes) > 1:
            reader.align_panes(reader.pipeline)

    async def _analyse(self, doc_ids: list[str]) -> None:
        """Analyse in a subprocess: spaCy never competes with the screen."""
        reader = self.reader
        process = AnalysisProcess(reader.store.path, reader.app.model, doc_ids)
        self.processes.append(process)
        self.status = f"Loading the entity model for {len(doc_ids)} documents…"
        reader.refresh_legend()

        def progress(record: dict) -> None:
            self.status = (
                f"Analysing entities {record['done']}/{record['total']}, "
                f"{record['words_per_second']:,} words/s…"
            )
            reader.refresh_legend()

        error = await process.run(progress)
        if not reader.app.is_running:
            return
        self.status = ""
        waiting = [pane for pane in reader.panes if pane.document.id in doc_ids]
        for pane in waiting:
            pane.analysing = False
        if error is not None:
            reader.notify(error, severity="warning", timeout=10)
            reader.refresh_legend()
            for pane in waiting:
                pane.update_status()
            return
        self.load(waiting)

    async def stop(self) -> None:
        for process in self.processes:
            await process.kill()
