"""A newsroom archive: the operations a desk uses, at 1,000 and at 100,000 articles.

    python benchmarks/scale.py [--docs 100000] [--small 1000] [--cache DIR]

Makes a deterministic corpus once (articles of about 700 words from the samples'
sentences, with names, dates, numbers, 40 outlets and dates of publication; kept as a
store in ``--cache``, ``benchmarks/data/scale`` by default, so later runs skip it), and a
small store of the first ``--small`` of them. For each size, in the same run: storing
(documents/s, by the API ``add`` uses, into a fresh store, for the small size and a
10,000-article slice of the large one), search (median of five, three queries), the
first line of ``newsgloss docs`` (a subprocess), ``newsgloss export --format documents``
to /dev/null (a subprocess: seconds and peak memory), ``similar`` on one article (the
index warm: the second call), the tags list's first page (200 of one tag per tenth
article), the names screen's first page (every article analysed by rule, once; then
after a correction everywhere, which counts every article again, once) and the
picker's matching of a typed title against every article (the picker's
own scoring, a key's worth). Prints each figure at both sizes and the growth from the
small to the large, beside its target. Synthetic, never spaCy: analyses are not needed
for these operations.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

from newsgloss.annotations import Annotation, Store, api
from newsgloss.annotations.analysis_cache import missing_analyses, save_analyses
from newsgloss.corpus import Document, short_id
from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline
from newsgloss.corpus.metadata import metadata

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from analysis import synthetic_articles  # noqa: E402 - the benchmarks are scripts
from reader import article_analysis  # noqa: E402

from corpus import timed  # noqa: E402

CORPUS = 2  # the generator's version, in the cache's file names: never another's store

OUTLETS = [f"outlet{n}.example" for n in range(40)]
QUERIES = ("ceasefire", '"peace talks"', "negotiat*")
NEWSGLOSS = str(Path(sys.executable).with_name("newsgloss"))


def corpus(count: int, seed: int = 11) -> list[Document]:
    """``analysis.py``'s synthetic articles of about 700 words (the samples' sentences
    shuffled), each given a lead with a number and a date of its own, an outlet and a
    date of publication."""
    rng = random.Random(seed)
    made = []
    for number, article in enumerate(synthetic_articles(count, 700, seed)):
        day = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}"
        lead = f"On {day}, {rng.randint(2, 9000)} people were counted in report {number}."
        title, body = article.text.split("\n\n", 1)
        document = Document.from_text(f"{title}\n\n{lead}\n\n{body}")
        meta = metadata(outlet=OUTLETS[number % len(OUTLETS)], published=day)
        made.append(dataclasses.replace(document, meta=meta))
    return made


def stored(path: Path, documents: list[Document]) -> float:
    """Store ``documents`` (with a tag on every tenth) in a new store; documents/s."""
    started = time.perf_counter()
    with Store.open(path) as store:
        for start in range(0, len(documents), 5000):
            store.add_documents(documents[start : start + 5000])
        seconds = time.perf_counter() - started
        for document in documents[::10]:
            store.add_annotation(Annotation.create(document, 0, 6, "claim"))
    return len(documents) / seconds


def first_docs_line(path: Path) -> float:
    started = time.perf_counter()
    with subprocess.Popen([NEWSGLOSS, "--db", str(path), "docs"], stdout=subprocess.PIPE) as p:
        p.stdout.readline()
        seconds = time.perf_counter() - started
        p.kill()
    return seconds


def export_run(path: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB, as ``/usr/bin/time`` measures the export's process:
    a child's own figure would count this process's memory, forked before the exec)."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", NEWSGLOSS, "--db", str(path), "export",
                           "--format", "documents", "-o", "/dev/null"],
                          check=True, capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    return seconds, int(done.stderr.split()[-1]) / 1024


def picker(path: Path) -> dict[str, float]:
    """The ``o`` picker: listing the stored documents and making its catalogue (once, in
    a worker as it opens: until then it says it is listing them), then the worst of
    three keys (a first letter, a title typed to its number, letters scattered through
    titles): its matching, as ``PickerScreen.filter`` runs it, whose rows' drawing is of
    the 60 shown only, whatever the count."""
    from newsgloss.tui.matching import Catalogue

    started = time.perf_counter()
    with Store.open(path) as store:
        documents = store.documents()
    rows = [(d.title, d.source or "", short_id(d.id), d.meta.published or "",
             d.meta.outlet or "") for d in documents]  # fmt: skip
    catalogue = Catalogue(rows)
    opened = time.perf_counter() - started
    keys = [timed(lambda q=q: catalogue.ranked(q, {}, 60), 3)
            for q in ("r", "report 99", "ukr talk")]  # fmt: skip
    return {"picker open": opened, "picker key (worst)": max(keys)}


def reopen(path: Path, documents: list[Document]) -> dict[str, float]:
    """``newsgloss --db STORE`` in tmux, which reopens on the newest articles (their
    analyses cached by rule, through the cache API): seconds until the first pane's title
    is on screen; then, three seconds on, the process's peak resident memory (MB) and
    whether spaCy was loaded (1) or not (0), from /proc."""
    newest = documents[-4:]
    with Store.open(path) as store:
        pairs = [(d.id, article_analysis(d.text)) for d in newest]
        save_analyses(store, find_pipeline(DEFAULT_MODEL), pairs)
    socket = f"scale-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout

    expect = newest[0].title  # the first pane's: four panes need not all fit
    started = time.perf_counter()
    tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "36",
         NEWSGLOSS, "--db", str(path))  # fmt: skip
    try:
        while expect not in tmux("capture-pane", "-p"):
            if time.perf_counter() - started > 60:
                raise SystemExit(f"the reader never showed {expect!r}")
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        time.sleep(3)
        pid = tmux("display", "-p", "#{pane_pid}").strip()
        status = Path(f"/proc/{pid}/status").read_text()
        peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
        spacy = "/spacy/" in Path(f"/proc/{pid}/maps").read_text()
    finally:
        tmux("kill-server")
    return {"reader first frame": seconds, "reader memory MB": peak, "reader spaCy": spacy}


def names_first(path: Path, documents: list[Document]) -> dict[str, float]:
    """The names screen's first page, which waits for the whole index of names: every
    article analysed first (by rule, through the cache API, once: the store keeps them);
    then, once, the first page after a correction touching every article ("Russia is a
    LOC everywhere": each article counted again), and the next one."""
    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(path) as store:
        missing = set(missing_analyses(store, info, [d.id for d in documents]))
        chosen = [d for d in documents if d.id in missing]
        for start in range(0, len(chosen), 2000):
            pairs = [(d.id, article_analysis(d.text)) for d in chosen[start : start + 2000]]
            save_analyses(store, info, pairs)
        first = timed(lambda: api.names_index(store, info)[:300], 1)
        api.correct(store, api.Rule("Russia", "LOC", annotator="benchmark"))
        corrected = timed(lambda: api.names_index(store, info)[:300], 1)
        again = timed(lambda: api.names_index(store, info)[:300], 1)
        api.forget_correction(store, api.Rule("Russia", None))
        api.names_index(store, info)  # counted back as the model has it, for the next run
    return {"names first page": first, "names after a correction everywhere": corrected,
            "names after it, again": again}  # fmt: skip


def claims_first(path: Path) -> float:
    """The claims view's first claim, as its worker finds it: the first ``iter_claims``
    yields (a tag on every tenth article) and its articles' titles."""

    def first() -> None:
        with Store.open(path) as store:
            claim = next(api.iter_claims(store, find_pipeline(DEFAULT_MODEL)), None)
            store.titles(p.doc_id for p in claim.passages) if claim else None

    return timed(first, 1)


def measure(path: Path, documents: list[Document]) -> dict[str, float]:
    figures = {}
    with Store.open(path) as store:
        for query in QUERIES:
            figures[f"search {query}"] = timed(lambda q=query: api.search_documents(store, q))
        one = documents[len(documents) // 2].id
        api.similar_documents(store, one)  # warms the index
        figures["similar (warm)"] = timed(lambda: api.similar_documents(store, one), 3)
        figures["tags first page"] = timed(
            lambda: list(zip(range(200), api.desk_tags(store), strict=False)))  # fmt: skip
        figures["store size MB"] = path.stat().st_size / 1e6
        sizes = dict(store.db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
        index = sum(sizes.get(t, 0) for t in INDEX_TABLES)
        figures["similar index MB"] = index / 1e6
        figures["index / documents"] = index / sizes["documents"]
    figures["docs first line"] = first_docs_line(path)
    figures["export seconds"], figures["export peak MB"] = export_run(path)
    figures.update(picker(path))
    figures["claims first"] = claims_first(path)
    figures.update(names_first(path, documents))
    figures.update(reopen(path, documents))
    return figures


INDEX_TABLES = ("indexed", "passage_bands", "common_bands", "sqlite_autoindex_indexed_1")
TARGETS = {"index / documents": 0.5, "reader first frame": 1.0, "reader memory": 300,
           "reader spaCy": 0, "claims first": 0.3, "names first page": 0.3, "search": 0.100,
           "names after it, again": 0.3,
           "similar (warm)": 0.200, "tags first page": 0.300, "picker key": 0.050,
           "docs first line": 1.0}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--cache", type=Path, default=HERE / "data" / "scale")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    documents = corpus(args.docs)
    print(f"{len(documents):,} articles made in {time.perf_counter() - started:.0f} s")
    large = args.cache / f"large-{args.docs}-v{CORPUS}.db"
    small = args.cache / f"small-{args.small}-v{CORPUS}.db"
    rates = {}
    for path, chosen in ((small, documents[: args.small]), (large, documents)):
        if not path.exists():
            rate = stored(Path(f"{path}.tmp"), chosen)
            Path(f"{path}.tmp").rename(path)
            rates[path] = rate
            print(f"stored {len(chosen):,} articles: {rate:,.0f} documents/s")
    results = {size: measure(path, documents[:size]) for size, path in
               ((args.small, small), (args.docs, large))}  # fmt: skip
    print(f"\n{'operation':24}{args.small:>12,}{args.docs:>12,}{'growth':>9}  target")
    for name in results[args.small]:
        a, b = results[args.small][name], results[args.docs][name]
        target = next((t for key, t in TARGETS.items() if name.startswith(key)), None)
        unit = "" if "MB" in name or "/" in name or "spaCy" in name else " s"
        verdict = "" if target is None else ("ok" if b <= target else "MISSED") + f" <= {target}"
        print(f"{name:24}{a:>10.3f}{unit:2}{b:>10.3f}{unit:2}{b / max(a, 1e-9):>8.1f}x  {verdict}")


if __name__ == "__main__":
    main()
