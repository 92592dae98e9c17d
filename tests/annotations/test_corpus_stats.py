"""The corpus's statistics kept in the store: the same as counting every stored article
again, updated as articles are added, filled in when an older store is opened."""

from pathlib import Path

from conftest import older_store

from newsgloss.annotations import corpus_stats
from newsgloss.annotations.store import Store
from newsgloss.corpus import Document
from newsgloss.corpus.align import boilerplate, normalised, passages, units

FOOTER = "Subscribe to our newsletter for the latest news."


def test_the_passage_count_is_that_of_every_stored_article(store: Store, sample_documents) -> None:
    store.add_documents(sample_documents[:2])
    assert corpus_stats.passages(store.db) == sum(
        len(passages(d.text)) for d in sample_documents[:2]
    )
    store.add_documents(sample_documents)  # three new, two stored already: counted once
    assert corpus_stats.passages(store.db) == sum(len(passages(d.text)) for d in sample_documents)


def test_a_line_in_three_articles_or_repeated_in_one_is_common(store: Store) -> None:
    stories = [f"Story {n} about the harbour of Piraeus.\n{FOOTER}" for n in range(2)]
    store.add_documents(Document.from_text(t) for t in stories)
    lines = {normalised(FOOTER), normalised("Story 0 about the harbour of Piraeus.")}
    assert corpus_stats.common_lines(store.db, lines) == frozenset()  # in two: not yet
    store.add_documents([Document.from_text(f"Read more\nA third story.\n{FOOTER}\nRead more")])
    common = corpus_stats.common_lines(store.db, [*lines, "read more", "a third story"])
    assert common == {normalised(FOOTER), "read more"}
    texts = [*stories, f"Read more\nA third story.\n{FOOTER}\nRead more"]
    assert common == boilerplate((t, units(t, ())) for t in texts)  # as counted in memory


def test_an_older_store_gets_them_from_its_articles(tmp_path: Path, sample_documents) -> None:
    path = older_store(tmp_path / "old.db", 8, sample_documents)  # before the statistics
    with Store.open(path) as store:
        assert corpus_stats.passages(store.db) == sum(
            len(passages(d.text)) for d in sample_documents
        )
        common = corpus_stats.common_lines(store.db, ["read more"])
        names = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master")}
    assert common == frozenset() and "corpus_terms" not in names  # dropped by schema 15
