"""The store's schema as a list of migrations; the store's version is how many have run.

A new version appends a step; a step never changes once it has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING

from newsgloss.annotations.labels import DEFAULT_LABELS, Label, spare_colour

if TYPE_CHECKING:
    from sqlite_utils import Database


def _v1_documents_and_annotations(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create(
        {
            "id": str,
            "title": str,
            "source": str,
            "text": str,
            "external_id": str,
            "added_at": str,
        },
        pk="id",
        not_null={"title", "text", "added_at"},
    )
    db["annotations"].create(
        {
            "id": str,
            "doc_id": str,
            "start": int,
            "end": int,
            "label": str,
            "quote": str,
            "prefix": str,
            "suffix": str,
            "note": str,
            "annotator": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"doc_id", "start", "end", "label", "quote", "created_at", "updated_at"},
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["annotations"].create_index(
        ["doc_id", "start", "end", "label"], index_name="annotations_span", unique=True
    )


def _v2_analysis_cache(db: Database) -> None:
    db["analyses"].create(
        {
            "doc_id": str,
            "pipeline": str,
            "version": str,
            "entities": str,  # JSON [[start, end, label, text], ...]
            "sentences": str,  # JSON [[start, end], ...]
            "analysed_at": str,
        },
        pk=("doc_id", "pipeline", "version"),
        not_null={"entities", "sentences", "analysed_at"},
        foreign_keys=[("doc_id", "documents", "id")],
    )


def _v3_labels(db: Database) -> None:
    """The store's label set: the defaults, then every other label already in use."""
    db["labels"].create(
        {"name": str, "key": str, "colour": str, "description": str, "position": int},
        pk="name",
        not_null={"key", "colour", "description", "position"},
    )
    labels = list(DEFAULT_LABELS)
    for (name,) in db.execute("SELECT DISTINCT label FROM annotations ORDER BY label"):
        if all(label.name != name for label in labels):
            labels.append(Label(name, "", spare_colour(labels)))
    db["labels"].insert_all(
        {**asdict(label), "position": position} for position, label in enumerate(labels)
    )


def _v4_alignment_cache(db: Database) -> None:
    """The passages two documents share, as aligned by one version of the method."""
    db["alignments"].create(
        {"doc_a": str, "doc_b": str, "version": str, "links": str, "aligned_at": str},
        pk=("doc_a", "doc_b", "version"),
        not_null={"links", "aligned_at"},
        foreign_keys=[("doc_a", "documents", "id"), ("doc_b", "documents", "id")],
    )


def _v5_similarity_index(db: Database) -> None:
    """The candidate index (``annotations/similar_index.py``): each indexed document's
    number and its passages' band keys, and for each key the documents having it. A
    number, not the 71-character id, in the big table: it is a tenth of the size."""
    db.execute(
        "CREATE TABLE indexed (number INTEGER PRIMARY KEY, "
        "doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id), "
        "version INTEGER NOT NULL, bands BLOB NOT NULL)"
    )
    db.execute(
        "CREATE TABLE passage_bands (band INTEGER NOT NULL, number INTEGER NOT NULL, "
        "PRIMARY KEY (band, number)) WITHOUT ROWID"
    )


def _v6_document_metadata(db: Database) -> None:
    """What an article is cited by: outlet, authors (a JSON list), date of publication
    (ISO 8601), canonical URL and language; NULL where unknown, as in older stores."""
    for column in ("outlet", "authors", "published", "url", "language"):
        db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
    db.execute("CREATE INDEX documents_url ON documents(url)")
    db.execute("CREATE INDEX documents_source ON documents(source)")


def _v7_versions(db: Database) -> None:
    """Versions of an article (``versions``: each newer text and the one it replaces) and
    how each tag carried to a newer version was placed (``anchoring``: moved or changed,
    with the quote it had). A tag left on an older version is orphaned."""
    db.execute(
        "CREATE TABLE versions (doc_id TEXT PRIMARY KEY REFERENCES documents(id), "
        "replaces TEXT NOT NULL UNIQUE REFERENCES documents(id), added_at TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE anchoring (annotation_id TEXT PRIMARY KEY, status TEXT NOT NULL, "
        "was_quote TEXT NOT NULL)"
    )


def _v8_link_decisions(db: Database) -> None:
    """The fact-checker's word on a link between two passages: ``confirmed`` (or made by
    hand) or ``rejected``; kept apart from the alignment cache, so it outlives a new
    version of the method. Stored once a pair, the lower document id first."""
    db.execute(
        "CREATE TABLE link_decisions (doc_a TEXT NOT NULL REFERENCES documents(id), "
        "a_start INTEGER NOT NULL, a_end INTEGER NOT NULL, "
        "doc_b TEXT NOT NULL REFERENCES documents(id), "
        "b_start INTEGER NOT NULL, b_end INTEGER NOT NULL, decision TEXT NOT NULL, "
        "annotator TEXT NOT NULL, decided_at TEXT NOT NULL, "
        "PRIMARY KEY (doc_a, doc_b, a_start, a_end, b_start, b_end))"
    )


def _v9_corpus_statistics(db: Database) -> None:
    """Boilerplate lines over the corpus, kept as articles are added (``corpus_stats.py``),
    filled here from the articles stored before. (Schema 9 to 14 also counted each
    term's passages, for a TF-IDF alignment: schema 15 drops them.)"""
    from newsgloss.annotations import corpus_stats

    corpus_stats.create(db)


def _v10_search(db: Database) -> None:
    """Full-text search over titles, outlets and texts (SQLite FTS5, an index over the
    documents table, kept by triggers as documents come and go; accents removed by the
    tokenizer, which splits words at quotes and dashes of any style)."""
    db["documents"].enable_fts(
        ["title", "outlet", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


def _v11_entity_corrections(db: Database) -> None:
    """The fact-checker's corrections to the model's entities, as rules laid over every
    analysis read (``corrections.py``): a text and its label, or NULL for "not an
    entity", everywhere that text appears or at one span of one document; and which
    merges of the index of names (``names.py``) were undone."""
    db.execute(
        "CREATE TABLE entity_rules (id INTEGER PRIMARY KEY, text TEXT NOT NULL, label TEXT, "
        "doc_id TEXT REFERENCES documents(id), start INTEGER, end INTEGER, "
        "annotator TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    db.execute("CREATE UNIQUE INDEX entity_rules_everywhere ON entity_rules(text) "
               "WHERE doc_id IS NULL")  # fmt: skip
    db.execute("CREATE UNIQUE INDEX entity_rules_here ON entity_rules(doc_id, start, end) "
               "WHERE doc_id IS NOT NULL")  # fmt: skip
    db.execute(
        "CREATE TABLE names_apart (label TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, "
        "annotator TEXT NOT NULL, decided_at TEXT NOT NULL, PRIMARY KEY (label, a, b))"
    )


def _v12_annotators_apart(db: Database) -> None:
    """The same label on the same span from two annotators is two tags, so a desk can
    compare them (``agreement``); one annotator still cannot tag a span twice alike."""
    db.execute("DROP INDEX annotations_span")
    db.execute(
        "CREATE UNIQUE INDEX annotations_span ON annotations "
        "(doc_id, start, [end], label, ifnull(annotator, ''))"
    )


# A new store's rating scale, best first (``verdicts.py``; editable: newsgloss ratings).
DEFAULT_RATINGS = ("true", "mostly true", "mixed", "mostly false", "false", "misleading",
                   "unproven")  # fmt: skip


def _v13_verdicts(db: Database) -> None:
    """Verdicts on claims (``verdicts.py``): a claim known by its first passage, a rating
    from the store's scale (``ratings``, best first), an explanation, evidence (JSON), the
    articles it appears in (JSON), the reviewer, the date and the published review's URL."""
    db.execute("CREATE TABLE ratings (name TEXT PRIMARY KEY, position INTEGER NOT NULL)")
    db.conn.executemany("INSERT INTO ratings (name, position) VALUES (?, ?)",
                   [(name, n) for n, name in enumerate(DEFAULT_RATINGS)])  # fmt: skip
    db.execute(
        "CREATE TABLE verdicts (doc_id TEXT NOT NULL REFERENCES documents(id), "
        "start INTEGER NOT NULL, [end] INTEGER NOT NULL, claim TEXT NOT NULL, "
        "rating TEXT NOT NULL, explanation TEXT NOT NULL, evidence TEXT NOT NULL, "
        "appearances TEXT NOT NULL, reviewer TEXT NOT NULL, reviewed_at TEXT NOT NULL, "
        "url TEXT NOT NULL, PRIMARY KEY (doc_id, start, [end]))"
    )


def _v14_smaller_similarity_index(db: Database) -> None:
    """The candidate index at a tenth of its size (benchmarks/scale.py: 77 MB, not 890, at
    100,000 articles): a document's own keys are no longer kept (they are made again from
    its text when asked: only how many passages it has is), and a key in more than a
    thousand documents is boilerplate, listed once in ``common_bands``, its rows deleted
    (similar_keys.py keeps it so as documents come)."""
    db.execute(
        "CREATE TABLE indexed_passages (number INTEGER PRIMARY KEY, "
        "doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id), "
        "version INTEGER NOT NULL, passages INTEGER NOT NULL)"
    )
    db.execute(  # 16 bytes a key, 8 keys a passage: as the old ranking counted them
        "INSERT INTO indexed_passages SELECT number, doc_id, version, length(bands) / 128 "
        "FROM indexed"
    )
    db.execute("DROP TABLE indexed")
    db.execute("ALTER TABLE indexed_passages RENAME TO indexed")
    db.execute("CREATE TABLE common_bands (band INTEGER PRIMARY KEY)")
    db.execute(
        "INSERT INTO common_bands SELECT band FROM passage_bands "
        "GROUP BY band HAVING count(*) > 1000"
    )
    db.execute("DELETE FROM passage_bands WHERE band IN (SELECT band FROM common_bands)")


def _v15_no_term_frequencies(db: Database) -> None:
    """The alignment weighs words by their rarity in English (``corpus/terms.py``), not by
    the corpus's frequencies: the table of them goes, and storing an article no longer
    counts its terms."""
    db.execute("DROP TABLE IF EXISTS corpus_terms")


def _v16_listing_index(db: Database) -> None:
    """The columns the picker lists, in an index of their own: listing them from the
    table reads past each text (stored before them), 0.40 s at 100,000 articles; from
    a covering index, 0.23 s."""
    db.execute(
        "CREATE INDEX documents_listing ON documents "
        "(id, title, source, outlet, authors, published, url, language)"
    )


def _v17_name_counts(db: Database) -> None:
    """The index of names' counts, kept as analyses are saved (``name_rows.py``): the
    names screen read every mention of every article, 29.6 s at 100,000. Filled here from
    the analyses stored before (25 s for 100,000 articles of seven names each, once)."""
    from newsgloss.annotations import name_rows

    name_rows.create(db)
    name_rows.fill(db)


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_documents_and_annotations,
    _v2_analysis_cache,
    _v3_labels,
    _v4_alignment_cache,
    _v5_similarity_index,
    _v6_document_metadata,
    _v7_versions,
    _v8_link_decisions,
    _v9_corpus_statistics,
    _v10_search,
    _v11_entity_corrections,
    _v12_annotators_apart,
    _v13_verdicts,
    _v14_smaller_similarity_index,
    _v15_no_term_frequencies,
    _v16_listing_index,
    _v17_name_counts,
]
SCHEMA_VERSION = len(MIGRATIONS)
