"""Make worker processes die with the run that started them.

A scheduler timeout or the OOM killer often kills only the main process; its process-pool workers
(children of multiprocessing's forkserver, not of the main process) would otherwise keep running,
holding their memory, for minutes. On Linux a parent-death signal (``prctl(PR_SET_PDEATHSIG)``)
ends a process when its parent dies; elsewhere, and as a second guard, a watchdog thread polls the
main process and exits when it is gone.

Workers call :func:`guard_worker` when they start; ``thai_extract._forkserver_preload`` ties the
forkserver itself to the main process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent dies; False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch_process(pid: int, interval: float = 0.5) -> None:
    """Exit this process (at once, without cleanup) when process ``pid`` no longer exists."""

    def watch() -> None:
        while True:
            time.sleep(interval)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # it exists, under another user: pid reuse; our parent is gone
                os._exit(1)

    threading.Thread(target=watch, name="thai-extract-watchdog", daemon=True).start()


def guard_worker(main_pid: int) -> None:
    """Called in each worker as it starts: end it when its parent or the main process dies."""
    die_with_parent(signal.SIGKILL)
    watch_process(main_pid)
