"""Benchmark the reader: four 5 MB panes against four 5 KB panes, dialogs, the first frame.

    python benchmarks/reader.py [--big-mb 5] [--presses 100] [--only dialogs]

In one process, for each size: time to mount four panes (text on screen, then
entities shown), 100 presses of each motion key, and a resize (the median of five),
the app started with the garbage collector paused until its first frame, as the
``newsgloss`` command starts it (``tui/collector.py``). Then, in tmux,
the first frame of ``newsgloss`` on the sample corpus against a Textual app that
shows only a Static. And, in tmux, the time each dialog key (A, ?, o, f, ctrl+p) takes
to open its dialog on the sample corpus with 60 tags, from send-keys until the dialog
is on screen (capture-pane), the first time and the median of five more. Targets:
four 5 MB panes on screen in <= 1.5 s; a key press <= 1.2x its cost on the 5 KB
panes; a resize <= 0.5 s; the first frame <= 1.2x (issue 23); every dialog open in
< 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import gc
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from newsgloss.annotations import Annotation, Store
from newsgloss.annotations.analysis_cache import save_analyses
from newsgloss.corpus import Document, load_paths, sample_paths
from newsgloss.corpus.analysis import DEFAULT_MODEL, Analysis, Entity, find_pipeline
from newsgloss.tui import collector
from newsgloss.tui.app import NewsglossApp, Start

# Each key alternates with its opposite, so that every press moves, whatever the size.
MOTION_PAIRS = [
    ("l", "h"),
    ("j", "k"),
    ("w", "b"),
    ("right_parenthesis", "left_parenthesis"),
    ("right_curly_bracket", "left_curly_bracket"),
    ("pagedown", "pageup"),
    ("greater_than_sign", "less_than_sign"),
]
MOTION_KEYS = [key for pair in MOTION_PAIRS for key in pair]
RESIZE_WIDTHS = [160, 190, 170, 180, 165]  # new widths (>= 4 x 40: no pane hidden)
NAMES = re.compile(r"Vladimir Putin|Volodymyr Zelensky|Ukraine|Russia|Moscow|Kremlin|Istanbul")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def article(size: int, seed: int) -> tuple[Document, Analysis]:
    """An article of about ``size`` characters from the seed paragraphs, with an analysis
    made by rule (a 5 MB text would take minutes through spaCy)."""
    paragraphs = [p for d in load_paths(sample_paths()).documents for p in d.text.split("\n") if p]
    paragraphs = paragraphs[seed:] + paragraphs[:seed]
    chunks, total, index = [], 0, 0
    while total < size:
        chunks.append(paragraphs[index % len(paragraphs)])
        total += len(chunks[-1]) + 1
        index += 1
    text = "\n".join(chunks)[:size]
    return Document.from_text(text), article_analysis(text)


def redraw_seconds(view) -> float:
    """What a key press costs the view itself: render every visible row afresh."""
    before = time.perf_counter()
    view._rows.clear()
    for y in range(view.scrollable_content_region.height):
        view.render_line(y)
    return time.perf_counter() - before


PROBE = 400  # characters around the small article's middle, found again in the big one


async def measure(size: int, presses: int, folder: Path) -> dict[str, float]:
    pairs = [article(size, seed) for seed in range(4)]
    documents = [d for d, _ in pairs]
    db = folder / f"reader-{size}.db"
    with Store.open(db) as store:
        store.add_documents(documents)
        save_analyses(store, find_pipeline(DEFAULT_MODEL), [(d.id, a) for d, a in pairs])
    del pairs  # the reader reads the analyses from the store, as it does for a user
    app = NewsglossApp(Start(documents, db_path=db, model=DEFAULT_MODEL, open_count=4))
    figures: dict[str, float] = {}
    started = time.perf_counter()
    collector.pause()  # as the newsgloss command starts the reader (tui/entry.py)
    try:
        return await drive(app, figures, started, presses)
    finally:
        gc.enable()
        gc.unfreeze()  # the next size starts afresh


async def drive(app: NewsglossApp, figures: dict[str, float], started: float, presses: int):
    """Open the panes, press every motion key, resize: the figures ``measure`` returns."""
    async with app.run_test(size=(200, 50)) as pilot:
        while not all(len(view.wrapped) for view in app.reader.views):
            await pilot.pause(0.01)
        figures["mount"] = time.perf_counter() - started
        while not all(view.analysed for view in app.reader.views):
            await pilot.pause(0.01)
        figures["entities"] = time.perf_counter() - started
        view = app.reader.views[0]
        # Mid-article, on the same text at both sizes (the big article repeats the small
        # one's paragraphs): a row's cost depends on what it shows, and only the size
        # should differ. Every motion has somewhere to go from there.
        small = article(5_000, 0)[0].text
        probe = small[len(small) // 2 - PROBE // 2 :][:PROBE]
        found = view.text.find(probe, max(0, len(view.text) // 2 - len(small)))
        view.move_to((found if found >= 0 else len(view.text) // 2) + PROBE // 2)
        await pilot.pause()
        for forward, backward in MOTION_PAIRS:
            pilot_seconds = {forward: 0.0, backward: 0.0}
            own_seconds = {forward: 0.0, backward: 0.0}
            for _ in range(presses):
                for key in (forward, backward):
                    before = time.perf_counter()
                    await pilot.press(key)
                    pilot_seconds[key] += time.perf_counter() - before
                    own_seconds[key] += redraw_seconds(view)
            for key in (forward, backward):
                figures[key] = pilot_seconds[key] / presses
                figures[f"own {key}"] = own_seconds[key] / presses
        resizes = []
        for width in RESIZE_WIDTHS:
            before = time.perf_counter()
            await pilot.resize_terminal(width, 50)
            await pilot.pause()
            while any(v.wrapped.width != v.wrap_width() for v in app.reader.views):
                await pilot.pause(0.01)  # until every pane has wrapped to its new width
            resizes.append(time.perf_counter() - before)
        figures["resize"] = statistics.median(resizes)
    return figures


def compile_bytecode() -> None:
    """Compile newsgloss's modules as ``pip install .`` does, so that both apps start from
    bytecode. Without it, an editable install under PYTHONDONTWRITEBYTECODE (this sandbox
    sets it) compiles every module from source at each start, which no user sees."""
    root = Path(sys.modules["newsgloss.tui"].__file__).parent.parent  # holds all three
    for package in ("corpus", "annotations", "tui"):
        compileall.compile_dir(root / package, quiet=1)


# key: (what it opens, text that shows it is on screen)
DIALOG_KEYS = {
    "A": ("tags panel", "60 tags:"),
    "?": ("help", "newsgloss keys"),
    "o": ("picker", "Type to filter"),
    "f": ("labels", "Entity labels to show"),
    "C-p": ("command palette", "Search for commands"),
}
DIALOG_REPEATS = 5


def dialogs_store(folder: Path) -> Path:
    """The sample corpus, analysed by rule, with 60 tags on the first article."""
    documents = load_paths(sample_paths()).documents
    db = folder / "dialogs.db"
    with Store.open(db) as store:
        store.add_documents(documents)
        analyses = [(d.id, article_analysis(d.text)) for d in documents]
        save_analyses(store, find_pipeline(DEFAULT_MODEL), analyses)
        text = documents[0].text
        starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
        for index in range(60):
            start = starts[index % len(starts)]
            label = ("claim", "attribution", "disputed")[index % 3]
            store.add_annotation(Annotation.create(documents[0], start, start + 10 + index, label))
    return db


def measure_dialogs(folder: Path) -> dict[str, tuple[float, float]]:
    """In tmux: seconds from sending each dialog key until its dialog is on screen, the
    first time and the median of DIALOG_REPEATS more; and ``w`` (a motion) for scale."""
    db = dialogs_store(folder)
    newsgloss = Path(sys.executable).with_name("newsgloss")
    socket = f"bench-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout

    def until(shown: bool, text: str) -> float:
        started = time.perf_counter()
        while (text in tmux("capture-pane", "-p")) is not shown:
            if time.perf_counter() - started > 30:
                raise SystemExit(f"{text!r} never {'appeared' if shown else 'went away'}")
        return time.perf_counter() - started

    def timed(key: str, text: str) -> float:
        started = time.perf_counter()
        tmux("send-keys", key)
        until(True, text)
        return time.perf_counter() - started

    command = f"TERM=xterm-256color {newsgloss} --db {db}"
    tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command)
    figures: dict[str, tuple[float, float]] = {}
    try:
        until(True, "■ PERSON")  # the analyses are shown: the reader is settled
        time.sleep(1)
        motions = []
        for _ in range(DIALOG_REPEATS + 1):  # w moves a word: the status shows the offset
            before = tmux("capture-pane", "-p")
            started = time.perf_counter()
            tmux("send-keys", "w")
            while tmux("capture-pane", "-p") == before:
                pass
            motions.append(time.perf_counter() - started)
        figures["w (a motion, for scale)"] = (motions[0], statistics.median(motions[1:]))
        for key, (name, text) in DIALOG_KEYS.items():
            times = []
            for _ in range(1 + DIALOG_REPEATS):
                times.append(timed(key, text))
                time.sleep(0.2)
                tmux("send-keys", "A" if key == "A" else "Escape")  # the panel is not a dialog
                until(False, text)
                time.sleep(0.2)
            figures[name] = (times[0], statistics.median(times[1:]))
    finally:
        tmux("kill-server")
    return figures


def article_analysis(text: str) -> Analysis:
    """Entities and sentences by rule, as ``article`` makes them."""
    entities = tuple(
        Entity(m.start(), m.end(), "PERSON" if " " in m.group() else "GPE", m.group())
        for m in NAMES.finditer(text)
    )
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
    return Analysis(entities, tuple(zip(starts, [*starts[1:], len(text)], strict=True)))


def first_frame_seconds(command: list[str], expect: str) -> float:
    """Time from starting ``command`` in tmux until ``expect`` is on screen."""
    socket = f"bench-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout

    started = time.perf_counter()
    tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "36", *command)
    while expect not in tmux("capture-pane", "-p"):
        if time.perf_counter() - started > 30:
            raise SystemExit(f"never saw {expect!r}")
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    tmux("kill-server")
    return seconds


def first_frames(*commands: tuple[list[str], str], runs: int = 21) -> list[float]:
    """Median first frames of the commands, run in turn so machine drift hits all."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for which, (command, expect) in enumerate(commands):
            times[which].append(first_frame_seconds(command, expect))
    return [statistics.median(each) for each in times]


STATIC_APP = (
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class A(App):\n"
    "    def compose(self):\n"
    "        yield Static('baseline frame')\n"
    "A().run()\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mb", type=float, default=5.0)
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument(
        "--only",
        choices=["dialogs", "panes", "first-frame"],
        help="Measure one part: the dialogs in tmux, the panes through Pilot (mount, keys, "
        "resize), or the first frame in tmux.",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        compile_bytecode()
        results = {}
        if args.only in (None, "dialogs"):
            dialogs = measure_dialogs(Path(folder))
            print(f"{'in tmux (sample, 60 tags)':26}{'first':>12}{'again':>12}")
            for name, (first, again) in dialogs.items():
                print(f"{name:26}{first * 1000:9.1f} ms{again * 1000:9.1f} ms")
            slowest = max(max(p) for name, p in dialogs.items() if not name.startswith("w "))
            results["every dialog opens in < 100 ms"] = slowest < 0.1
        if args.only in (None, "panes"):
            results.update(measure_panes(args, Path(folder)))
        if args.only in (None, "first-frame") and shutil.which("tmux"):
            results.update(measure_first_frame(Path(folder)))
        for target, met in results.items():
            print(f"{'met   ' if met else 'MISSED'} {target}")
    sys.exit(0 if all(results.values()) else 1)


def measure_panes(args, folder: Path) -> dict[str, bool]:
    """Four 5 KB panes against four big ones: mount, each motion key, a resize."""
    small = asyncio.run(measure(5_000, args.presses, folder))
    big = asyncio.run(measure(int(args.big_mb * 1_000_000), args.presses, folder))
    print("press KEY: through Pilot; own KEY: the view redrawing its visible rows after it")
    print(f"{'':26}{'4 x 5 KB':>12}{f'4 x {args.big_mb:g} MB':>12}{'ratio':>8}")
    own = [f"own {key}" for key in MOTION_KEYS]
    for key in ["mount", "entities", *MOTION_KEYS, *own, "resize"]:
        per_key = key in MOTION_KEYS or key in own
        unit, suffix = (1000, " ms") if per_key else (1, " s ")
        label = f"press {key}" if key in MOTION_KEYS else key
        print(
            f"{label[:26]:26}{small[key] * unit:9.3f}{suffix}{big[key] * unit:9.3f}{suffix}"
            f"{big[key] / small[key]:7.2f}x"
        )
    key_ratio = max(big[k] / small[k] for k in own)  # the view's own work, as issue 23 asks
    return {
        "four big panes on screen <= 1.5 s": big["mount"] <= 1.5,
        "slowest key's own redraw ratio <= 1.2x": key_ratio <= 1.2,
        "resize <= 0.5 s": big["resize"] <= 0.5,
    }


def measure_first_frame(folder: Path) -> dict[str, bool]:
    """newsgloss's first frame in tmux against a Textual app showing one Static."""
    db = Path(folder) / "first-frame.db"
    newsgloss = Path(sys.executable).with_name("newsgloss")
    subprocess.run([newsgloss, "--db", db, "add"], capture_output=True, check=True)
    script = Path(folder) / "static_app.py"
    script.write_text(STATIC_APP)
    tree = Path(__file__).with_name("same_tree_app.py")
    samples = [str(path) for path in sample_paths()[1:5]]  # the four the reader opens
    ours, base, same_tree, light = first_frames(
        # Words of the articles' bodies (whichever four of the five the reader opens).
        ([str(newsgloss), "--db", str(db)], "Vladimir Putin"),
        ([sys.executable, str(script)], "baseline frame"),
        ([sys.executable, str(tree), *samples], "Vladimir Putin"),
        ([sys.executable, str(tree), "--light", *samples], "Vladimir Putin"),
    )
    print(f"first frame: newsgloss {ours:.3f} s, Static app {base:.3f} s, {ours / base:.2f}x")
    print(
        f"             the reader's widget tree of plain Statics (same_tree_app.py) "
        f"{same_tree:.3f} s, {same_tree / base:.2f}x: what Textual takes to draw the layout"
    )
    print(f"             its lightest form (--light) {light:.3f} s, {light / base:.2f}x")
    return {"first frame <= 1.2x a Static app": ours / base <= 1.2}


if __name__ == "__main__":
    main()
