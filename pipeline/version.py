"""The pipeline version written with every output row."""

__version__ = "0.1.0"
