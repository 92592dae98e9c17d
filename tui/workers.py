"""Workers that cannot end the session.

Every worker runs with ``exit_on_error=False`` on the screen that shows its result (so
that it is cancelled with that screen), hands its result back as a message (a message
to a screen that has closed is dropped, where a call into it would crash), and a worker
that fails becomes a notification, through ``WorkerFailures``, the one handler for it.
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState

from newsgloss.corpus import UserError


def failure(worker: Worker) -> str:
    """One line on why ``worker`` failed: a user's error as it is, a bug by its type."""
    error = worker.error
    if isinstance(error, UserError):
        return str(error)
    what = worker.description or worker.name or "A background task"
    return f"{what} failed: {type(error).__name__}: {error}"


class WorkerFailures:
    """For a screen or the app: its failed workers are said in a notification. (Textual
    sends ``Worker.StateChanged`` only to the worker's own node, not up the tree.)"""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.notify(failure(event.worker), severity="error", timeout=10)
