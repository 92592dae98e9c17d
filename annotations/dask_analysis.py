"""Analysis spread over a Dask cluster (``newsgloss analyze --dask [ADDRESS]``).

The client reads the texts the cache lacks a batch at a time and sends each batch to a
worker; a worker loads the pipeline once (it stays loaded in the worker's process) and
sends back each text's entities and sentences; the client writes every batch through
the same cache API as the one-process path as soon as it arrives. So an interrupted
run keeps what finished, and a rerun analyses only what is missing. A few batches per
worker are in flight at a time: the client never holds the whole archive's texts.

Without an address a ``LocalCluster`` on this machine (127.0.0.1 only, no dashboard)
runs the workers; with one, the scheduler's workers do (each needs newsgloss and the
pipeline installed: see the README's "Scaling out").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from newsgloss.annotations.analysis_cache import missing_analyses, save_analyses
from newsgloss.corpus import UserError
from newsgloss.corpus.analysis import Analysis, Analyzer, PipelineInfo, find_pipeline, word_count

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

BATCH = 32  # documents a task: enough to keep spaCy's batching busy
IN_FLIGHT = 3  # tasks a worker may have queued: it never waits, the client holds little
INSTALL = "pip install 'newsgloss[dask]'"
_ANALYZERS: dict[str, Analyzer] = {}  # in each worker's process: its loaded pipelines


def analyse_batch(model: str, texts: list[str]) -> list[Analysis]:
    """On a worker: the texts' analyses, the pipeline loaded on the worker's first batch."""
    analyzer = _ANALYZERS.get(model)
    if analyzer is None:
        analyzer = _ANALYZERS[model] = Analyzer(find_pipeline(model))
    return list(analyzer.analyze(texts, batch_size=len(texts)))


@contextmanager
def dask_client(address: str | None, workers: int) -> Iterator:
    """A client of the scheduler at ``address``, or of a new local cluster of ``workers``
    processes (one thread each: spaCy holds the GIL); both closed at the end."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UserError(f"analyze --dask needs Dask: {INSTALL}") from None
    if address:
        try:
            client = Client(address, timeout="5s")
        except (OSError, TimeoutError) as error:
            raise UserError(f"no Dask scheduler answers at {address} ({error})") from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,  # fmt: skip
        Client(cluster) as client,
    ):
        yield client


def analyze_on_dask(
    store: Store,
    info: PipelineInfo,
    doc_ids: Sequence[str],
    client,
    *,
    progress: Callable[[int, int], Callable[[int, int, int], None]] | None = None,
    again: bool = False,
    batch: int = BATCH,
) -> int:
    """Analyse the documents the cache lacks (``again``: all) on ``client``'s workers;
    returns how many were analysed. ``progress`` as for ``api.analyze``."""
    from dask.distributed import as_completed

    missing = list(dict.fromkeys(doc_ids)) if again else missing_analyses(store, info, doc_ids)
    if not missing:
        return 0
    update = progress(len(missing), store.characters(missing)) if progress else None
    batches = _batches(store, missing, batch)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    running, sent = as_completed(), {}  # sent: each task's ids and texts, by its key
    for _ in range(workers * IN_FLIGHT):
        _submit(client, running, sent, info.name, batches)
    done = words = characters = 0
    for future in running:
        ids, texts = sent.pop(future.key)
        analyses = future.result()
        save_analyses(store, info, list(zip(ids, analyses, strict=True)))  # kept as it comes
        future.release()
        for text in texts:
            done += 1
            words += word_count(text)
            characters += len(text)
        if update:
            update(done, words, characters)
        _submit(client, running, sent, info.name, batches)
    return done


def _batches(store: Store, doc_ids: list[str], size: int) -> Iterator[tuple[list[str], list]]:
    for start in range(0, len(doc_ids), size):
        ids = doc_ids[start : start + size]
        yield ids, [store.document(doc_id).text for doc_id in ids]


def _submit(client, running, sent: dict, model: str, batches: Iterator) -> None:
    """Send the next batch, if any, to the cluster."""
    chosen = next(batches, None)
    if chosen is None:
        return
    future = client.submit(analyse_batch, model, chosen[1], pure=False)
    sent[future.key] = chosen
    running.add(future)
