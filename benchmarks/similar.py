"""`similar` on a corpus with known same-story groups: recall of same-story pairs and
precision of the top 3.

    python benchmarks/similar.py [--padding 200]

The corpus: the five samples (one story, told by close paraphrases and loose rewrites),
the six articles of benchmarks/data/unrelated (six stories) and four second outlets'
write-ups of four of them (benchmarks/data/stories), and ``--padding`` articles of
sentences drawn from English words at large (wordfreq's 2,000th to 20,000th most
frequent: no story), which make the index's statistics those of a real store. For each
article of a group, ``similar`` lists the stored articles it finds: recall is the share
of same-story pairs found (by either side), precision the share of each article's first
three (or fewer, if fewer are listed) that are of its story, over the articles of a
group of two or more; an article listing nothing counts 0. Beside, in the same run, the
same index asked by its passages alone (no story words), as a baseline.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from wordfreq import top_n_list

from newsgloss.annotations import similar_index
from newsgloss.annotations.store import Store
from newsgloss.corpus import Document, load_paths, sample_paths

DATA = Path(__file__).with_name("data")


def corpus(padding: int) -> tuple[list[Document], dict[str, str]]:
    """The articles and each one's story (None for padding)."""
    samples = load_paths(sample_paths()).documents
    unrelated = load_paths(sorted((DATA / "unrelated").glob("*.txt"))).documents
    stories = load_paths(sorted((DATA / "stories").glob("*.txt"))).documents
    story = {d.id: "talks" for d in samples}
    for path, document in zip(sorted((DATA / "unrelated").glob("*.txt")), unrelated, strict=True):
        story[document.id] = path.stem
    for path, document in zip(sorted((DATA / "stories").glob("*.txt")), stories, strict=True):
        story[document.id] = path.stem.removesuffix("-2")
    known = samples + unrelated + stories
    rng = random.Random(5)
    words = [w for w in top_n_list("en", 20000) if w.isalpha()][2000:]  # general English
    pad = [
        Document.from_text(
            "\n".join(" ".join(rng.choices(words, k=rng.randint(10, 25))).capitalize() + "."
                      for _ in range(rng.randint(8, 30))),
            title=f"padding {n}",
        )
        for n in range(padding)
    ]  # fmt: skip
    return known + pad, story


def measure(store: Store, story: dict[str, str]) -> tuple[float, float]:
    grouped = [d for d in story if sum(s == story[d] for s in story.values()) > 1]
    found: set[frozenset[str]] = set()
    precise = []
    for doc_id in grouped:
        listed = [other for other, _ in similar_index.similar(store, doc_id)]
        found.update(frozenset((doc_id, o)) for o in listed if story.get(o) == story[doc_id])
        top = listed[:3]
        precise.append(sum(story.get(o) == story[doc_id] for o in top) / len(top) if top else 0.0)
    pairs = {frozenset((a, b)) for a in grouped for b in grouped if a < b and story[a] == story[b]}
    for pair in sorted(pairs - found, key=sorted):
        print("  missed:", " / ".join(sorted(store.document(d).title[:30] for d in pair)))
    return len(found & pairs) / len(pairs), sum(precise) / len(precise)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--padding", type=int, default=200)
    args = parser.parse_args()
    documents, story = corpus(args.padding)
    groups = len(set(story.values()))
    print(f"{len(documents)} articles; {len(story)} in {groups} stories, the rest padding")
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "s.db") as store:
        store.add_documents(documents)
        similar_index.index_documents(store)
        shared = similar_index.STORY_SHARED
        for name, setting in (("passages alone", 10**9), ("newsgloss", shared)):
            similar_index.STORY_SHARED = setting
            recall, precision = measure(store, story)
            print(f"{name:>15}: recall of same-story pairs {recall:.2f}, "
                  f"precision of the top 3 {precision:.2f}")  # fmt: skip
        similar_index.STORY_SHARED = shared


if __name__ == "__main__":
    main()
