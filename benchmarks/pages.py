"""Article extraction from saved pages: paragraphs kept and chrome dropped.

    python benchmarks/pages.py

Pages of five news-site templates written here (a broadsheet with a cookie banner and
comments, a wire service with a dateline and "Read more" links, a tabloid with share
buttons and a newsletter box, a regional site with a masthead and a sidebar of most-read
stories, a blog-style site with tags and an author box), each wrapped around the five
sample articles: 25 pages. For each, the share of the article's paragraphs found in the
text taken out, and the share of the template's chrome (every navigation, banner,
byline-box, related-link, comment and footer string) left out: newsgloss's reading of
the page (corpus/pages.py), against trafilatura's ``extract`` called directly with its
defaults on the same pages in the same run.
"""

from __future__ import annotations

import html
import statistics

import trafilatura

from newsgloss.corpus import load_paths, sample_paths
from newsgloss.corpus.pages import page_document

NAV = ["Home", "World", "Politics", "Business", "Sport", "Opinion", "Sign in"]
TEMPLATES = {
    "broadsheet": {
        "head": ["We use cookies to improve your experience on our site. Accept all cookies",
                 "The Morning Ledger — Independent journalism since 1871"],
        "aside": ["Most read: Ten things to know about the budget",
                  "Most read: Why the river keeps rising every spring"],
        "after": ["Comments (12): This is the best analysis I have read all week. — reader_42",
                  "Comment: The minister should resign, frankly. — J. Doe"],
        "foot": ["© 2025 The Morning Ledger Ltd. All rights reserved.", "Privacy policy · Terms"],
    },
    "wire": {
        "head": ["Wire Service International — Breaking news from around the world"],
        "aside": ["Read more: Markets slide as oil prices rise again",
                  "Read more: Talks stall over prisoner exchange terms"],
        "after": ["Reporting by our correspondents; editing by the world desk team",
                  "Our standards: The Trust Principles guide every story we publish"],
        "foot": ["All quotes delayed a minimum of 15 minutes.", "© Wire Service 2025"],
    },
    "tabloid": {
        "head": ["Share this article on Facebook, Twitter, WhatsApp or by email now"],
        "aside": ["Sign up to our daily newsletter for the biggest stories first",
                  "Don't miss: Celebrity couple announce surprise wedding plans"],
        "after": ["Got a story? Email our newsdesk at tips@example.com today",
                  "More from this section: Five diets that actually work, say experts"],
        "foot": ["Daily Bugle Newspapers Ltd, registered in England No. 12345",
                 "Advertise with us · Contact us · Cookie settings"],
    },
    "regional": {
        "head": ["Statetimes — The Bold Voice of the Valley since 1998",
                 "Epaper | Archives | Advertise | Contact"],
        "aside": ["Most read today: Road widening project gets final approval",
                  "Most read today: Schools to reopen after the winter break"],
        "after": ["Also read: District officials review preparations for festival",
                  "Also read: Power cuts expected in northern wards on Sunday"],
        "foot": ["Copyright © Statetimes. Designed and hosted by Example Web Services"],
    },
    "blog": {
        "head": ["Skip to content", "Notes from the Newsroom — a blog about the news"],
        "aside": ["About the author: Sam Lee has covered diplomacy for twenty years",
                  "Tags: diplomacy, Russia, Ukraine, Istanbul, negotiations"],
        "after": ["Leave a reply: Your email address will not be published. Required fields",
                  "Previous post: What the summit means for the region's economy"],
        "foot": ["Proudly powered by a blogging platform · Theme by Example"],
    },
}  # fmt: skip


def page(template: dict, title: str, paragraphs: list[str]) -> str:
    e = html.escape
    nav = "".join(f'<a href="/{n.lower()}">{e(n)}</a> ' for n in NAV)
    head = "".join(f"<div class='banner'>{e(t)}</div>" for t in template["head"])
    body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    aside = "".join(f"<li><a href='/x'>{e(t)}</a></li>" for t in template["aside"])
    after = "".join(f"<div class='comment'><p>{e(t)}</p></div>" for t in template["after"])
    foot = "".join(f"<p>{e(t)}</p>" for t in template["foot"])
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)}</title></head>"
        f"<body><header>{head}<nav>{nav}</nav></header><main><article><h1>{e(title)}</h1>"
        f"<p class='byline'>By Staff Reporter · Updated Feb. 3, 2025</p>{body}</article>"
        f"<aside><h3>Related</h3><ul>{aside}</ul></aside>"
        f"<section id='comments'><h3>Comments</h3>{after}</section></main>"
        f"<footer>{foot}</footer></body></html>"
    )


def shares(text: str, paragraphs: list[str], chrome: list[str]) -> tuple[float, float]:
    flat = " ".join(text.split())
    kept = sum(" ".join(p.split()) in flat for p in paragraphs) / len(paragraphs)
    dropped = sum(c not in flat for c in chrome) / len(chrome)
    return kept, dropped


def main() -> None:
    samples = load_paths(sample_paths()).documents
    figures: dict[str, list[tuple[float, float]]] = {"newsgloss": [], "trafilatura": []}
    print(f"{'template':12}{'':3}{'newsgloss kept/dropped':>24}{'trafilatura kept/dropped':>28}")
    for name, template in TEMPLATES.items():
        chrome = [*template["head"], *NAV, *template["aside"], *template["after"],
                  *template["foot"]]  # fmt: skip
        rows = {"newsgloss": [], "trafilatura": []}
        for document in samples:
            paragraphs = [line for line in document.text.split("\n")[1:] if len(line) > 60]
            source = page(template, document.title, paragraphs)
            ours = page_document(source.encode("utf-8"), name).text
            direct = trafilatura.extract(source) or ""
            rows["newsgloss"].append(shares(ours, paragraphs, chrome))
            rows["trafilatura"].append(shares(direct, paragraphs, chrome))
        cells = []
        for who, values in rows.items():
            figures[who].extend(values)
            kept, dropped = (statistics.mean(v[i] for v in values) for i in (0, 1))
            cells.append(f"{kept:.3f} / {dropped:.3f}")
        print(f"{name:12}{'':3}{cells[0]:>24}{cells[1]:>28}")
    for who, values in figures.items():
        kept, dropped = (statistics.mean(v[i] for v in values) for i in (0, 1))
        print(f"{who:12} over {len(values)} pages: paragraphs kept {kept:.3f}, "
              f"chrome dropped {dropped:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
