"""A real terminal for end-to-end tests: a tmux session on a private server, read with
capture-pane and typed into with send-keys."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid
from pathlib import Path


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
        line = f"sleep 0.5; env {exports} {shlex.join(map(str, command))}; sleep 30"
        width, height = map(str, size)
        where = ["-c", str(cwd)] if cwd else []
        self.tmux("-f", "/dev/null", "new-session", "-d", *where, "-x", width, "-y", height, line)
        self.tmux("resize-window", "-x", width, "-y", height)

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

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def wait_until_closed(self, name: str = "newsgloss") -> None:
        deadline = time.monotonic() + 20
        while name in self.tmux("list-panes", "-F", "#{pane_current_command}"):
            assert time.monotonic() < deadline, self.screen()
            time.sleep(0.1)

    def close(self) -> None:
        self.tmux("kill-server")
