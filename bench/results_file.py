"""Where every benchmark writes its figures: bench/results/NAME.json, printed as it is written."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"


def write_results(path: Path, result: dict) -> None:
    """Write `result` as indented JSON to `path` (under bench/results/) and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {path.relative_to(ROOT)}")
