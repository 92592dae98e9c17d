"""The corpus as a whole (issue 21): search over many stored articles, in one process.

    python benchmarks/corpus.py [--articles 2000]

A store of the five samples and articles recombined from their words
(``benchmarks/alignment.py``'s ``synthetic``), then ``newsgloss search`` for words,
a phrase and a prefix (the median of five runs each), against a ``LIKE`` scan of the
same table for the same word in the same run. Target: <= 50 ms at 2,000 articles.
Then 27 tags on each article and the tags list (``newsgloss tags``, the ``T`` screen's
first 200 rows) in article order, newest first and narrowed by a word, and the ``T``
screen itself in a real Textual app, from being pushed to its first page listed. Target:
<= 200 ms with 50,000 tags. Then the index of names (``newsgloss names``, the ``E`` screen) from
the cached analyses: the samples analysed by the real pipeline, each other article given
the samples' entities wherever their texts appear in it (as the pipeline would mostly
find them) and every other capitalised word as a PERSON, ORG or GPE (about 90 entities
an article; analysing 2,000 articles would take minutes and measure spaCy), with a
correction everywhere (Kyiv is a GPE: every article's text is read for it), against
reading and decoding the same cached entities alone. Target: <= 2 s at 2,000 articles.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from newsgloss.annotations import Annotation, Store, api
from newsgloss.annotations.analysis_cache import analyze_documents, save_analyses
from newsgloss.corpus import load_paths, sample_paths
from newsgloss.corpus.analysis import DEFAULT_MODEL, Analysis, Analyzer, Entity, find_pipeline

sys.path.insert(0, str(Path(__file__).parent))
from alignment import synthetic  # noqa: E402 - the benchmarks are scripts, not a package

LABELS = ["claim", "attribution", "disputed"]
QUERIES = ["Ushakov", '"Istanbul Communique"', "negotiat*", "Kremlin AND Zelensky"]


def timed(run, times: int = 5) -> float:
    found = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        found.append(time.perf_counter() - started)
    return statistics.median(found)


def tag_everything(store: Store, documents: list) -> int:
    """27 tags on lines of each article (about 50,000 over 2,000); how many."""
    rng = random.Random(5)
    tags = []
    for document in documents:
        starts = [0] + [i + 1 for i, c in enumerate(document.text) if c == "\n"]
        lines = [(s, s + len(x)) for s, x in zip(starts, document.text.split("\n"), strict=True)
                 if len(x) > 20]  # fmt: skip
        for start, end in rng.sample(lines, min(27, len(lines))):
            tags.append(Annotation.create(document, start, end, rng.choice(LABELS)))
    store.merge_annotations(tags)
    return len(tags)


def open_tags_screen(path: Path) -> float:
    """Seconds from pushing the ``T`` screen to its first page listed, in a real app."""
    import asyncio

    from textual.app import App

    from newsgloss.tui.screens.tags import TagsScreen

    async def run() -> float:
        screen = TagsScreen(path, LABELS)
        app = App()
        async with app.run_test(size=(120, 40)) as pilot:
            started = time.perf_counter()
            await app.push_screen(screen)
            while not screen.found:
                await pilot.pause(0.001)
            return time.perf_counter() - started

    return asyncio.run(run())


def give_entities(store: Store, samples: list, others: list):
    """The samples analysed for real; every other article given the samples' entities
    where their texts appear. Returns the pipeline and how many entities there are."""
    info = find_pipeline(DEFAULT_MODEL)
    analyze_documents(store, Analyzer(info), [d.id for d in samples])
    known = {e.text: e.label for a in api.cached_analyses(store, info, [d.id for d in samples])
             .values() for e in a.entities}  # fmt: skip
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(
        map(re.escape, sorted(known, key=len, reverse=True))) + r")(?!\w)")  # fmt: skip
    batch, labels = [], ("PERSON", "ORG", "GPE")
    for document in others:
        text = document.text
        entities = [Entity(m.start(), m.end(), known[m.group()], m.group())
                    for m in pattern.finditer(text)]  # fmt: skip
        taken = {i for e in entities for i in range(e.start, e.end)}
        for m in re.finditer(r"\b[A-Z][a-z]+\b", text):
            if m.start() not in taken:
                label = labels[len(m.group()) % 3]
                entities.append(Entity(m.start(), m.end(), label, m.group()))
        entities.sort(key=lambda e: e.start)
        batch.append((document.id, Analysis(tuple(entities), ((0, len(text)),))))
    save_analyses(store, info, batch)
    rows = store.db.execute("SELECT entities FROM analyses").fetchall()
    return info, sum(len(json.loads(entities)) for (entities,) in rows)


def measure_names(store: Store, samples: list, others: list) -> bool:
    info, entities = give_entities(store, samples, others)
    api.correct(store, api.Rule("Kyiv", "GPE"))
    ids = store.document_ids()
    columns = "doc_id, entities"
    reading = timed(lambda: [json.loads(e) for _, e in store.analysis_rows(
        info.name, info.cache_version, ids, columns)], 3)  # fmt: skip
    names: list = []
    seconds = timed(lambda: names.append(api.names_index(store, info)), 3)
    merged = sum(1 for name in names[-1] if name.merges)
    print(f"{'cached entities read':32}{reading * 1000:8.1f} ms   ({entities:,} entities)")
    print(f"{'index of names':32}{seconds * 1000:8.1f} ms   ratio {seconds / reading:.2f}x"
          f"   {len(names[-1]):,} names, {merged} with merges")  # fmt: skip
    return seconds <= 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    samples = load_paths(sample_paths()).documents
    documents = samples + synthetic(samples, args.articles - len(samples))
    words = sum(len(d.text.split()) for d in documents)
    met = True
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "c.db") as store:
        started = time.perf_counter()
        store.add_documents(documents)
        print(f"{len(documents)} articles, {words:,} words, stored (and indexed) in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        scan = "SELECT id FROM documents WHERE text LIKE ?"  # every article read: all matches
        like = timed(lambda: store.db.execute(scan, ["%Ushakov%"]).fetchall())
        print(f"{'LIKE scan, Ushakov':32}{like * 1000:8.1f} ms")
        for query in QUERIES:
            hits: list = []
            seconds = timed(
                lambda q=query, found=hits: found.append(api.search_documents(store, q))
            )
            met = met and seconds <= 0.05
            print(f"{'search ' + query:32}{seconds * 1000:8.1f} ms   ratio {seconds / like:.2f}x"
                  f"   {len(hits[-1])} hits")  # fmt: skip
        tagged = tag_everything(store, documents)
        for name, asked in (("article order", {}), ("newest first", {"order": "date"}),
                            ("a word", {"query": "Ushakov"})):  # fmt: skip
            seconds = timed(lambda a=asked: list(islice(api.desk_tags(store, **a), 200)))
            met = met and seconds <= 0.2
            print(f"{'tags, ' + name:32}{seconds * 1000:8.1f} ms   (200 of {tagged:,})")
        seconds = statistics.median(open_tags_screen(store.path) for _ in range(3))
        met = met and seconds <= 0.2
        print(f"{'the T screen, first page':32}{seconds * 1000:8.1f} ms   (200 of {tagged:,})")
        met = measure_names(store, samples, documents[len(samples) :]) and met
    print(
        f"{'met   ' if met else 'MISSED'} every search over {len(documents)} in <= 50 ms, "
        "the tags list's first page in <= 200 ms, the index of names in <= 2 s"
    )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
