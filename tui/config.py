"""The config file: TOML in the user's config folder, or wherever $NEWSGLOSS_CONFIG says.

It holds the store path, model, annotator and theme (below the command line and the
environment, above the defaults), the keymap (binding id to keys, see ``tui/keys.py``)
and the label set a new store starts with. A bad file is one UserError naming the
file, the line and the problem. The keymap is checked only when the file has one:
that check loads Textual, which commands without a reader need not wait for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.corpus import CorpusError, UserError
from newsgloss.corpus.loader import read_regular_file

if TYPE_CHECKING:
    from newsgloss.annotations.labels import Label

CONFIG_LIMIT = 1024 * 1024  # bytes: a config file is a few lines
SETTINGS = ("store", "model", "annotator", "theme")
LABEL_FIELDS = ("name", "key", "colour", "description")


class ConfigError(UserError):
    pass


@dataclass(frozen=True)
class Config:
    path: Path
    exists: bool = False
    store: Path | None = None
    model: str | None = None
    annotator: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    labels: tuple[Label, ...] = ()  # a new store's label set; () for the defaults


def load_config(path: Path) -> Config:
    """The config at ``path``; a missing file is an empty config."""
    if not path.exists() and not path.is_symlink():
        return Config(path)
    try:  # a regular file of at most CONFIG_LIMIT bytes: never a FIFO's wait or /dev/zero
        text = read_regular_file(path, CONFIG_LIMIT).decode("utf-8")
    except CorpusError as error:
        raise ConfigError(str(error)) from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read the config file ({_reason(error)})") from None
    return _Parser(path, text).config()


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


class _Parser:
    def __init__(self, path: Path, text: str) -> None:
        import tomllib  # only when there is a file to read

        self.path, self.text = path, text
        try:
            self.data = tomllib.loads(text)
        except RecursionError:  # arrays or tables nested thousands deep
            raise ConfigError(f"{path}: not valid TOML (nested too deeply)") from None
        except tomllib.TOMLDecodeError as error:
            # "Expected '=' after a key (at line 3, column 7)": the line leads, as elsewhere.
            found = re.search(r"\(at line (\d+), column \d+\)", str(error))
            problem = re.sub(r"\s*\(at line.*?\)", "", str(error))
            where = f"{path}:{found.group(1)}" if found else str(path)
            raise ConfigError(f"{where}: not valid TOML ({problem})") from None

    def fail(self, key: str, problem: str, table: str = "") -> None:
        raise ConfigError(f"{self.path}:{self.line_of(key, table)}: {problem}")

    def line_of(self, key: str, table: str = "") -> int:
        """The line where ``key`` is set (inside ``[table]`` when given), else 1."""
        lines = self.text.splitlines()
        inside = not table
        pattern = re.compile(rf"""\s*(?:"|')?{re.escape(key)}(?:"|')?\s*[=\]]""")
        for number, line in enumerate(lines, start=1):
            header = re.match(r"\s*\[+\s*([^\]]+?)\s*\]+", line)
            if header and table:
                inside = header.group(1).strip("\"'") == table
                if header.group(1).strip("\"'") == key:
                    return number
            elif inside and pattern.match(line) or not table and header and header.group(1) == key:
                return number
        return 1

    def line_matching(self, pattern: str) -> int:
        for number, line in enumerate(self.text.splitlines(), start=1):
            if re.match(pattern, line):
                return number
        return 1

    def config(self) -> Config:
        data = self.data
        for key in data:
            if key not in (*SETTINGS, "keymap", "labels"):
                known = ", ".join((*SETTINGS, "keymap", "labels"))
                self.fail(key, f"unknown setting {key!r} (the settings: {known})")
        values = {key: self.string(key) for key in SETTINGS if key in data}
        if "store" in values:
            values["store"] = Path(values["store"]).expanduser()
        return Config(self.path, True, **values, keymap=self.keymap(), labels=self.labels())

    def string(self, key: str, value=None, table: str = "") -> str:
        value = self.data[key] if value is None else value
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"{key!r} must be a non-empty string", table)
        return value

    def keymap(self) -> dict[str, str]:
        keymap = self.data.get("keymap", {})
        if not isinstance(keymap, dict):
            self.fail("keymap", "[keymap] must be a table of binding ids and keys")
        keymap = {i: self.string(i, keys, "keymap") for i, keys in keymap.items()}
        if keymap:
            from newsgloss.tui.keys import clashes

            for problem in clashes(keymap):
                named = re.findall(r"'([a-z]+(?:-[a-z]+)+)'", problem)
                culprits = [binding_id for binding_id in named if binding_id in keymap]
                self.fail(culprits[-1] if culprits else "keymap", problem, "keymap")
        return keymap

    def labels(self) -> tuple[Label, ...]:
        tables = self.data.get("labels", [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            self.fail("labels", "labels must be [[labels]] tables with a name, key and colour")
        from newsgloss.annotations.labels import Label, checked

        labels: list[Label] = []
        for table in tables:
            name = table.get("name")
            for key in table:
                if key not in LABEL_FIELDS:
                    self.fail(
                        key,
                        f"unknown label field {key!r} (the fields: {', '.join(LABEL_FIELDS)})",
                        "labels",
                    )
            values = {k: self.string(k, table[k], "labels") for k in LABEL_FIELDS if k in table}
            if "name" not in values:
                self.fail("labels", "every [[labels]] table needs a name")
            try:
                labels.append(checked(Label(**values), labels, self.reserved()))
            except UserError as error:
                line = self.line_matching(rf"""\s*name\s*=\s*["']{re.escape(str(name))}["']""")
                raise ConfigError(f"{self.path}:{line}: label {error}") from None
        return tuple(labels)

    def reserved(self) -> dict[str, str]:
        from newsgloss.tui.keys import reserved_keys

        return reserved_keys(self.keymap())
