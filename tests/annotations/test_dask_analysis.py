"""``analyze --dask`` on a real 2-worker ``LocalCluster`` (127.0.0.1, the real pipeline in
each worker): the same entities and sentences as the one-process path, and a run
interrupted after its first batch resumed by the next, which analyses only the rest."""

from __future__ import annotations

import socket

import pytest
from conftest import runner_for

from newsgloss.annotations import Store, api
from newsgloss.annotations.analysis_cache import cached_analyses, missing_analyses
from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline

pytest.importorskip("dask.distributed")  # the test extra installs it


class Interrupted(Exception):
    pass


def test_dask_gives_the_one_process_analyses_and_resumes(
    tmp_path, sample_documents, analysed_store_file
) -> None:
    info = find_pipeline(DEFAULT_MODEL)
    ids = [d.id for d in sample_documents]
    with Store.open(analysed_store_file) as store:
        one_process = cached_analyses(store, info, ids)
    path = tmp_path / "dask.db"
    with Store.open(path) as store, api.dask_client(None, 2) as client:
        store.add_documents(sample_documents)
        assert len(client.scheduler_info()["workers"]) == 2

        def stop_after_the_first_batch(documents: int, characters: int):
            def update(done: int, words: int, text: int) -> None:
                raise Interrupted  # as a ctrl+c would, once a batch is kept

            return update

        with pytest.raises(Interrupted):
            api.analyze_on_dask(store, info, ids, client, batch=2,
                                progress=stop_after_the_first_batch)  # fmt: skip
        assert len(missing_analyses(store, info, ids)) == 3  # the first batch of two kept
        seen = []
        again = api.analyze_on_dask(
            store,
            info,
            ids,
            client,
            batch=2,
            progress=lambda n, c: lambda done, *_: seen.append(done),
        )
        assert again == 3 and seen[-1] == 3  # only what was missing
        assert cached_analyses(store, info, ids) == one_process


def test_a_scheduler_that_does_not_answer_is_one_line(tmp_path, sample_documents) -> None:
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with Store.open(tmp_path / "a.db") as store:
        store.add_documents(sample_documents[:1])
    result = runner_for(tmp_path / "a.db")("analyze", "--dask", f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 1, result.output
    assert f"no Dask scheduler answers at tcp://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
