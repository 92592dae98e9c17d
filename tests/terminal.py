"""A real terminal for end-to-end tests: a tmux session on a private server, read with
capture-pane and typed into with send-keys; and the installed command run on a store."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

NEWSGLOSS = Path(sys.executable).with_name("newsgloss")  # the installed command


def newsgloss(db: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed ``newsgloss`` on store ``db``, whatever the user's shell holds (no
    NEWSGLOSS_* variable, a home of its own beside the store)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGLOSS_")}
    return subprocess.run(
        [NEWSGLOSS, "--db", str(db), *args], capture_output=True, text=True, timeout=300,
        env={**env, "HOME": str(db.parent)},
    )  # fmt: skip


class Terminal:
    """A detached tmux session (120x36 unless told) running ``command``."""

    def __init__(
        self,
        command: list[str],
        env: dict[str, str],
        *,
        size: tuple[int, int] = (120, 36),
        cwd: Path | None = None,
    ) -> None:
        self.socket = f"newsgloss-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        # The command starts once the window has its size (signalled on a tmux channel,
        # not guessed with a sleep), and the pane stays a while after it ends.
        sized = f"tmux -L {self.socket} wait-for sized"
        line = f"{sized}; env {exports} {shlex.join(map(str, command))}; sleep 30"
        width, height = map(str, size)
        where = ["-c", str(cwd)] if cwd else []
        self.tmux("-f", "/dev/null", "new-session", "-d", *where, "-x", width, "-y", height, line)
        self.tmux("resize-window", "-x", width, "-y", height)
        self.tmux("wait-for", "-S", "sized")

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 30) -> str:
        """Wait until ``text`` is no longer on screen (a dialog closed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never left the screen:\n{self.screen()}")

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def wait_until_closed(self, name: str = "newsgloss") -> None:
        """Wait until no process of the pane's shell runs ``name``. Not tmux's
        pane_current_command: the shell (no job control) leads the foreground process
        group, so that names the shell while the reader still runs."""
        shell = self.tmux("list-panes", "-F", "#{pane_pid}").strip()
        deadline = time.monotonic() + 20
        while self.running(shell, name):
            assert time.monotonic() < deadline, self.screen()
            time.sleep(0.1)

    @staticmethod
    def running(shell: str, name: str) -> bool:
        found = subprocess.run(["pgrep", "-P", shell, "-f", name], capture_output=True, text=True)
        return bool(found.stdout.strip())

    def close(self) -> None:
        self.tmux("kill-server")


def _libc_wcwidth():
    """glibc's wcwidth, which tmux uses to place characters (a UTF-8 locale is needed)."""
    import ctypes
    import locale

    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    wcwidth = ctypes.CDLL("libc.so.6").wcwidth
    wcwidth.argtypes = [ctypes.c_wchar]
    return wcwidth


def columns(line: str) -> list[tuple[int, str]]:
    """(column, character) of each character of a captured line, as tmux placed them;
    a ZWJ sequence takes the width of its first emoji, as tmux 3.3 draws it."""
    wcwidth = _libc_wcwidth()
    placed, column, joined = [], 0, False
    for character in line:
        width = max(0, wcwidth(character))
        if joined:
            width = 0
        joined = character == "\u200d"
        placed.append((column, character))
        column += width
    return placed
