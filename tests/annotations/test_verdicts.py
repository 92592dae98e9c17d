"""Verdicts: rated claims listed by ``claims`` and the worksheet, published as schema.org
ClaimReview (expanded by pyld against the schema.org context shipped in tests/data, no
network), and the rating scale edited like labels."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import runner_for

from newsgloss.annotations import Annotation, Store

CONTEXT = Path(__file__).parent.parent / "data" / "jsonld" / "schemaorgcontext.jsonld"
SCHEMA = "http://schema.org/"
# Google's ClaimReview documentation and the issue: what a published review must carry.
REQUIRED = ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished")


def expanded(record: dict) -> dict:
    from pyld import jsonld

    context = json.loads(CONTEXT.read_text())

    def loader(url, options=None):
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None,
                "documentUrl": url, "document": context}  # fmt: skip

    (node,) = jsonld.expand(record, {"documentLoader": loader})
    return node


def test_two_rated_claims_published_as_claimreview(analysed_db, sample_documents) -> None:
    run = runner_for(analysed_db)
    with Store.open(analysed_db) as store:
        for document, end in ((sample_documents[1], 100), (sample_documents[3], 60)):
            store.add_annotation(Annotation.create(document, 0, end, "claim", annotator="ana"))
    found = [json.loads(line) for line in run("claims", "--format", "jsonl").stdout.splitlines()]
    (one, two) = [claim["passages"] for claim in found]
    first, second = one[0], two[0]  # a claim is known by its first passage
    others = [p["doc_id"][7:19] for p in one[1:]][:1]
    rated = run("verdict", first["doc_id"][7:19], str(first["start"]), str(first["end"]),
                "mostly true", "--explanation", "Both outlets quote the Kremlin",
                "--evidence", "https://example.org/wire", "--url", "https://desk.example/1",
                *[x for doc in others for x in ("--appears-in", doc)])  # fmt: skip
    assert rated.exit_code == 0, rated.output
    b = (second["doc_id"][7:19], str(second["start"]), str(second["end"]))
    assert run("verdict", *b, "unproven").exit_code == 0
    refused = run("verdict", *b, "pants on fire")
    assert refused.exit_code == 1 and "no rating 'pants on fire'" in refused.output

    lines = run("export", "--format", "claimreview").stdout.splitlines()
    assert len(lines) == 2
    reviews = [json.loads(line) for line in lines]
    for review in reviews:
        assert all(key in review for key in REQUIRED)
        rating = review["reviewRating"]
        assert {"ratingValue", "bestRating", "worstRating", "alternateName"} <= set(rating)
        node = expanded(review)
        assert node["@type"] == [SCHEMA + "ClaimReview"]
        (item,) = node[SCHEMA + "itemReviewed"]
        assert item["@type"] == [SCHEMA + "Claim"] and item[SCHEMA + "appearance"]
        (expanded_rating,) = node[SCHEMA + "reviewRating"]
        assert expanded_rating[SCHEMA + "alternateName"][0]["@value"] == rating["alternateName"]
    first = (
        reviews[0] if reviews[0]["reviewRating"]["alternateName"] == "mostly true" else reviews[1]
    )
    assert first["reviewRating"]["ratingValue"] == 6 and first["reviewRating"]["bestRating"] == 7
    assert len(first["itemReviewed"]["appearance"]) == 1 + len(others)
    assert first["url"] == "https://desk.example/1"
    assert first["citation"] == ["https://example.org/wire"]

    listed = run("claims", "--verdict", "unproven").stdout.splitlines()
    assert listed and {line.split("\t")[-1] for line in listed} == {"unproven"}
    worksheet = run("claims", "--format", "markdown").stdout
    assert "**Verdict: mostly true**: Both outlets quote the Kremlin" in worksheet
    cleared = run("verdict", *b, "--clear")
    assert cleared.exit_code == 0
    assert len(run("export", "--format", "claimreview").stdout.splitlines()) == 1


def test_the_rating_scale_is_edited_like_labels(run, db_path) -> None:
    assert run("ratings", "--add", "satire", "--position", "6").exit_code == 0
    scale = run("ratings").stdout.splitlines()
    assert scale[:2] == ["true", "mostly true"] and scale[5] == "satire" and len(scale) == 8
    assert run("ratings", "--remove", "satire").exit_code == 0
    again = run("ratings", "--add", "true")
    assert again.exit_code == 1 and "already on the scale" in again.output
