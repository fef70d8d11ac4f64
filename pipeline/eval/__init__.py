"""Evaluation commands (``thai-extract eval NAME FILE``): each module scores one stage against baselines.

A module exposes ``evaluate(path, **options) -> list[dict]``: one dict per system (the first key is
``system``), every value a number or a short string, so the CLI can print them as one table.
"""
