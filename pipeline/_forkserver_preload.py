"""Preloaded by the process pool's forkserver (and imported nowhere else): the forkserver ends when
the main process that started it dies, so a killed run leaves no forkserver behind (its workers
then end too: see ``thai_extract._worker_guard``)."""

import signal

from thai_extract._worker_guard import die_with_parent

die_with_parent(signal.SIGTERM)
