"""Sentence boundaries on scraped news: precision and recall against a labelled set.

    python benchmarks/sentences.py

The set is benchmarks/data/sentences/scraped.txt (written for newsgloss: paragraphs as
scrapers deliver them, with abbreviations, initials, numbers and runs of spaces; `` ‖ ``
marks each true boundary). Each paragraph is analysed as a document, and the sentence
starts found inside it are compared with the marked ones: before (the pipeline's own
sentences, as newsgloss took them up to analysis revision 2) and after (newsgloss's
analysis, which joins false boundaries: corpus/sentences.py), in the same run.
Prints both, and the boundaries each gets wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsgloss.corpus.analysis import DEFAULT_MODEL, Analyzer, find_pipeline

SET = Path(__file__).parent / "data" / "sentences" / "scraped.txt"
MARK = re.compile(r" ‖ ")


def labelled(path: Path = SET) -> list[tuple[str, set[int]]]:
    """(text, the offsets where its sentences start, the first excepted) per paragraph."""
    paragraphs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, starts = "", set()
        for index, piece in enumerate(MARK.split(line)):
            if index:
                text += " "
                starts.add(len(text) + len(piece) - len(piece.lstrip(" ")))
            text += piece
        paragraphs.append((text, starts))
    return paragraphs


def scores(found: list[set[int]], gold: list[set[int]]) -> tuple[float, float, int, int]:
    hits = sum(len(f & g) for f, g in zip(found, gold, strict=True))
    predicted, true = sum(map(len, found)), sum(map(len, gold))
    return hits / max(1, predicted), hits / max(1, true), predicted - hits, true - hits


def main() -> None:
    paragraphs = labelled()
    texts, gold = [t for t, _ in paragraphs], [g for _, g in paragraphs]
    analyzer = Analyzer(find_pipeline(DEFAULT_MODEL))
    before = [{s.start_char for s in doc.sents} - {0} for doc in analyzer.nlp.pipe(texts)]
    after = [{start for start, _ in a.sentences} - {0} for a in analyzer.analyze(texts)]
    print(f"{len(texts)} paragraphs, {sum(map(len, gold)) + len(texts)} sentences, "
          f"{sum(map(len, gold))} boundaries inside paragraphs")  # fmt: skip
    for name, found in (("before", before), ("after", after)):
        precision, recall, false, missed = scores(found, gold)
        print(f"{name:7} precision {precision:.3f}  recall {recall:.3f}  "
              f"({false} false boundaries, {missed} missed)")  # fmt: skip
    for text, found, truth in zip(texts, after, gold, strict=True):
        for offset in sorted(found ^ truth):
            kind = "false" if offset in found else "missed"
            left, right = text[max(0, offset - 30) : offset], text[offset : offset + 25]
            print(f"  after, {kind}: …{left}|{right}…")


if __name__ == "__main__":
    main()
