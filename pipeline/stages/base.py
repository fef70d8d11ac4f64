"""The stage protocol, and the names of what stages need and provide."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from thai_extract.document import Document

# What a stage can need or provide: names of Document fields and derived facts.
TEXT = "text"
WORKING_TEXT = "working_text"
SENTENCES = "sentences"
TOKENS = "tokens"
CORRECTIONS = "corrections"
ENTITIES = "entities"
DATES = "dates"
COOPERATION = "cooperation"


@runtime_checkable
class Stage(Protocol):
    """A named step: reads what earlier stages added to a Document and adds its own annotations.

    A stage does no I/O, loads its resources lazily once per process, and pickles small.
    """

    name: ClassVar[str]
    needs: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def __call__(self, doc: Document) -> Document: ...

    def config(self) -> dict[str, object]:
        """The stage's settings, as JSON-able values (stored with the output)."""
        ...
