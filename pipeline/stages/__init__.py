"""Pipeline stages: one per file; importing this package registers the built-in ones."""

from thai_extract.stages import cooperation, dates, entities, normalize, segment, spelling  # noqa: F401
