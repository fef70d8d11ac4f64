"""Switch the NLP libraries we use to offline mode before they are imported.

Called where thai-extract starts (the CLI, ``extract()``) and right before each late import of
pythainlp or transformers; importing ``thai_extract`` itself changes no environment variable.
Without these variables a missing pythainlp corpus or Hugging Face model waits on the network (tens
of seconds) or fails silently with an empty result. Users may still override any of them in their
environment.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

OFFLINE_VARIABLES = {
    "PYTHAINLP_OFFLINE": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
}


def _writable_data_dir() -> str:
    """A writable folder for pythainlp's data dir (it writes there even when offline)."""
    candidates = [Path.home() / ".cache" / "thai-extract" / "pythainlp-data",
                  Path(tempfile.gettempdir()) / "thai-extract-pythainlp-data"]
    for path in candidates:
        try:
            path.mkdir(parents=True, exist_ok=True)
            if os.access(path, os.W_OK):
                return str(path)
        except OSError:
            continue
    return tempfile.mkdtemp(prefix="thai-extract-")


def set_offline_environment() -> None:
    """Set the offline switches (without overriding a user's own values); cheap to call again."""
    if os.environ.get("_THAI_EXTRACT_OFFLINE_SET") == "1":
        return
    os.environ["_THAI_EXTRACT_OFFLINE_SET"] = "1"
    for name, value in OFFLINE_VARIABLES.items():
        os.environ.setdefault(name, value)
    if "PYTHAINLP_DATA" not in os.environ and "PYTHAINLP_DATA_DIR" not in os.environ:
        os.environ["PYTHAINLP_DATA"] = _writable_data_dir()

