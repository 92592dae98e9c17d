"""The layer rules of the README, checked on the package's imports (every import: at the
top, in a function, or for type checking only), as Harlequin checks its own with
import-linter contracts:

- the import graph of the package has no cycle;
- ``tui → annotations → corpus``: a lower layer never imports a higher one;
- no Textual, click or clipboard below ``tui``;
- ``tui`` holds no SQL and reaches the store only through ``annotations/api.py`` (and
  the plain value modules it hands out: annotations, labels, formats);
- every third-party module the package imports is a declared dependency.
"""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("corpus", "annotations", "tui")  # each may import only those before it
UI_ONLY = {"textual", "click", "click_default_group", "pyperclip"}
STORE_DOOR = {"api", "model", "labels", "formats"}  # what tui may import of annotations
SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w+|BEGIN\s+IMMEDIATE)\b",
    re.IGNORECASE | re.DOTALL,
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["newsgloss", *parts])


MODULES = {
    module_name(path): path
    for layer in LAYERS
    for path in sorted((ROOT / layer).rglob("*.py"))
    if "__pycache__" not in path.parts
}


def imports(name: str) -> set[str]:
    """Every module ``name`` imports: ``from a import b`` is ``a.b`` when that is a module."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}".rstrip(".")
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


GRAPH = {name: {i for i in imports(name) if i in MODULES and i != name} for name in MODULES}


def layer(name: str) -> str:
    return name.split(".")[1]


def test_the_import_graph_has_no_cycle():
    cycles, state = [], {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(GRAPH[name]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_layers_import_only_downwards(name: str):
    allowed = LAYERS[: LAYERS.index(layer(name)) + 1]
    wrong = sorted(i for i in GRAPH[name] if layer(i) not in allowed)
    assert not wrong, f"{name} imports a higher layer: {wrong}"
    if layer(name) != "tui":
        ui = sorted(i for i in imports(name) if i.split(".")[0] in UI_ONLY)
        assert not ui, f"{name} imports the user interface's libraries: {ui}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) == "tui"))
def test_tui_holds_no_sql_and_uses_the_store_through_the_api(name: str):
    outside = sorted(
        i
        for i in GRAPH[name]
        if layer(i) == "annotations" and i.split(".")[2:3] and i.split(".")[2] not in STORE_DOOR
    )
    assert not outside, f"{name} reaches past annotations/api.py: {outside}"
    assert "newsgloss.annotations" not in GRAPH[name], f"{name}: import from api.py"
    drivers = sorted(i for i in imports(name) if i.split(".")[0] in {"sqlite3", "sqlite_utils"})
    assert not drivers, f"{name} talks to SQLite itself: {drivers}"
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    sql = [s for s in strings if isinstance(s, str) and SQL.search(s)]
    assert not sql, f"{name} holds SQL: {sql}"


def test_every_third_party_import_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [d for name, group in project["optional-dependencies"].items() if name != "test"
              for d in group]  # fmt: skip
    declared = project["dependencies"] + extras  # an extra's module says how to install it
    names = {re.split(r"[<>=!;\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in declared}
    distributions = packages_distributions()
    missing = set()
    for name in MODULES:
        for top in {i.split(".")[0] for i in imports(name)} - {"newsgloss", "__future__"}:
            if top in distributions:  # not the standard library
                dists = {d.lower().replace("_", "-") for d in distributions[top]}
                if not dists & names:
                    missing.add(f"{top} ({name})")
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def test_the_checks_see_what_they_check():
    """A rule that read no import could never fail."""
    assert len(MODULES) > 60
    assert "newsgloss.annotations.store" in GRAPH["newsgloss.annotations.api"]
    assert "newsgloss.corpus.document" in GRAPH["newsgloss.corpus"]
    assert SQL.search("SELECT id FROM documents") and not SQL.search("select the text")


def test_every_worker_runs_with_exit_on_error_false_and_never_calls_into_a_screen():
    """A worker's failure is a notification (tui/workers.py), and its result a message."""
    workers = 0
    for name in (n for n in MODULES if layer(n) == "tui"):
        tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            assert called != "call_from_thread", f"{name}: post a message instead"
            if called in ("work", "run_worker"):
                workers += 1
                flags = {k.arg: getattr(k.value, "value", None) for k in node.keywords}
                assert flags.get("exit_on_error") is False, f"{name}:{node.lineno}"
    assert workers >= 7  # the check saw the workers it checks
