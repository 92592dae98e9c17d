"""Several processes writing one store at once: every write waits its turn, none is lost.

Each writer is a separate Python process, as two readers or a reader and an import are.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsgloss.annotations import Store

WRITER = """
import json, sys
from newsgloss.annotations import Annotation, Store, StoreError
db, doc_id, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
refused = 0
with Store.open(db, create=False) as store:
    document = store.document(doc_id)
    for index in range(count):
        start = (worker * count + index) % (len(document.text) - 20)
        tag = Annotation.create(document, start, start + 5 + worker, f"label-{worker}")
        try:
            store.add_annotation(tag)
        except StoreError as error:
            refused += 1
            print(error, file=sys.stderr)
print(json.dumps({"refused": refused}))
"""


def test_four_processes_tagging_at_once_lose_and_refuse_nothing(
    db_path: Path, sample_documents
) -> None:
    with Store.open(db_path) as store:
        store.add_documents(sample_documents)
    document = sample_documents[0]
    writers, count = 4, 150
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), document.id, str(worker), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(writers)
    ]
    refused = 0
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        refused += json.loads(out)["refused"]
    assert refused == 0
    with Store.open(db_path) as store:
        assert len(store.annotations([document.id])) == writers * count  # none lost


def test_concurrent_add_commands_on_a_new_store_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "new.db"  # made by whichever comes first; the others wait their turn
    script = Path(sys.executable).with_name("newsgloss")
    files = []
    for number in range(8):
        files.append(tmp_path / f"story{number}.txt")
        files[-1].write_text(f"Story {number}\nThe body of story {number}.")
    processes = [
        subprocess.Popen(
            [script, "--db", str(db), "add", "--no-analysis", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with Store.open(db, create=False) as store:
        assert len(store.documents()) == 8
