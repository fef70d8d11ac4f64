"""``python cli.py ...``: the thai-extract command line from a checkout (the same as ``thai-extract``).

The command lives in the package (``thai_extract.cli``); this shim only makes ``python cli.py`` work
in the repository, whether or not the package is installed.
"""

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("thai_extract") is None:  # a bare checkout: load pipeline/ as thai_extract
    _package = Path(__file__).resolve().parent / "pipeline"
    _spec = importlib.util.spec_from_file_location("thai_extract", _package / "__init__.py",
                                                   submodule_search_locations=[str(_package)])
    sys.modules["thai_extract"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["thai_extract"])

from thai_extract.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
