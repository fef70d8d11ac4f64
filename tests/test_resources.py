"""The process-wide resource cache: each resource loads once, and a load may ask for another."""

from __future__ import annotations

import threading

from thai_extract.resources import cached


def test_a_resource_loads_once_per_key() -> None:
    calls: list[str] = []

    def load() -> str:
        calls.append("x")
        return "model"

    assert cached("test-once", 1, load) == "model"
    assert cached("test-once", 1, load) == "model"
    assert calls == ["x"]


def test_a_load_may_load_another_resource() -> None:
    # The entity resources load the cooperation taxonomy through the same cache.
    result: list[str] = []

    def outer() -> str:
        return "outer+" + cached("test-inner", 1, lambda: "inner")

    worker = threading.Thread(target=lambda: result.append(cached("test-outer", 1, outer)))
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "a nested load deadlocked"
    assert result == ["outer+inner"]
