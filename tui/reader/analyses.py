"""The reader's background work on its open articles: the cached analyses read off the
screen's thread, the missing ones made in a subprocess (``analysis.py``) while the
legend shows the progress, and, once all are analysed, their alignment.

A part of ``ReaderScreen`` (the screen inherits it), so that every worker belongs to
the screen that shows its result; each worker's result arrives as a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from newsgloss.tui.reader.analysis_process import AnalysisProcess

if TYPE_CHECKING:
    from newsgloss.corpus.align import Link
    from newsgloss.corpus.analysis import Analysis, PipelineInfo
    from newsgloss.tui.article.pane import ArticlePane


class AnalysesRead(Message):
    """The cached analyses of some panes' documents, and the documents the cache lacks."""

    def __init__(
        self, panes: list[ArticlePane], cached: dict[str, Analysis], missing: list[str]
    ) -> None:
        super().__init__()
        self.panes, self.cached, self.missing = panes, cached, missing


class Aligned(Message):
    """Links between pairs of open documents, found in a worker."""

    def __init__(self, found: dict[tuple[str, str], list[Link]]) -> None:
        super().__init__()
        self.found = found


class AnalysisWork:
    """Needs the screen's ``store``, ``pipeline``, ``panes``, ``counterparts`` and
    ``closing``; sets ``analysis_status`` for the legend."""

    analysis_status = ""  # shown in the legend while an analysis runs
    analysis_processes: list[AnalysisProcess]

    def load_analyses(self, panes: list[ArticlePane]) -> None:
        """Show the panes' cached analyses; analyse the documents the cache lacks."""
        if self.store is not None and self.pipeline is not None:
            self.read_analyses(panes, self.store.path, self.pipeline)

    @work(thread=True, group="cache", exit_on_error=False, description="Reading the analyses")
    def read_analyses(self, panes: list[ArticlePane], db: Path, pipeline: PipelineInfo) -> None:
        """A big article's cached analysis takes a while to read: off the screen's thread."""
        from newsgloss.annotations import api

        with api.connection(db) as store:
            cached, missing = api.analyses(store, pipeline, [pane.document.id for pane in panes])
        self.post_message(AnalysesRead(panes, cached, missing))

    def on_analyses_read(self, event: AnalysesRead) -> None:
        open_panes = self.panes
        for pane in [pane for pane in event.panes if pane in open_panes]:  # one may have closed
            if pane.document.id in event.cached:
                pane.view.set_analysis(event.cached[pane.document.id])
            pane.analysing = pane.document.id in event.missing
            pane.update_status()
        self.refresh_legend()
        if self.closing:  # quit while the cache was read: start nothing that outlives it
            return
        if event.missing:
            self.analyse(event.missing)
        elif len(open_panes) > 1:
            self.align_panes()

    @work(group="analysis", exit_on_error=False, description="The entity analysis")
    async def analyse(self, doc_ids: list[str]) -> None:
        """Analyse in a subprocess: spaCy never competes with the screen."""
        from newsgloss.tui.progress import duration  # rich.progress: not before the 1st frame

        process = AnalysisProcess(self.store.path, self.app.model, doc_ids)
        self.analysis_processes.append(process)
        many = f"{len(doc_ids)} documents" if len(doc_ids) != 1 else "1 document"
        self.analysis_status = f"Loading the entity model for {many}…"
        self.refresh_legend()

        def progress(record: dict) -> None:
            left = record.get("seconds_left")
            self.analysis_status = (
                f"Analysing entities {record['done']}/{record['total']}, "
                f"{record['words_per_second']:,} words/s"
                + (f", about {duration(left)} left…" if type(left) is int and left else "…")
            )
            self.refresh_legend()

        error = await process.run(progress)
        self.analysis_processes.remove(process)
        self.analysis_status = ""
        waiting = [pane for pane in self.panes if pane.document.id in doc_ids]
        for pane in waiting:
            pane.analysing = False
        if error is not None:
            self.notify(error, severity="warning", timeout=10)
            self.refresh_legend()
            for pane in waiting:
                pane.update_status()
            return
        self.load_analyses(waiting)

    async def stop_analyses(self) -> None:
        for process in list(self.analysis_processes):
            await process.kill()

    @work(thread=True, group="align", exit_on_error=False, description="Aligning the articles")
    def align_panes(self) -> None:
        """Align the open documents not aligned yet, off the screen's thread."""
        ids = [pane.document.id for pane in self.panes]
        found = self.counterparts.align_missing(self.store.path, self.pipeline, ids)
        if found:
            self.post_message(Aligned(found))

    def on_aligned(self, event: Aligned) -> None:
        for (a, b), links in event.found.items():
            self.counterparts.add(a, b, links)
        self.mark_discrepancies()
        self.light_counterparts()
        for pane in self.panes:  # the unfocused panes' status lines count theirs too
            pane.update_status()
