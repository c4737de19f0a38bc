"""actorgraph: a sourced, living map of the relationships between political actors.

>>> import actorgraph
>>> doc = actorgraph.extract("Iran denied supplying drones to Russia.", published="2022-11-05")
>>> [c["relation"] for c in doc["claims"]]
['AID']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "Pipeline", "__version__"]

if TYPE_CHECKING:
    from actorgraph.pipeline import Pipeline, extract


def __getattr__(name: str) -> Any:
    # spaCy is heavy: import the pipeline only when it is used, so `actorgraph --help` stays fast.
    if name in ("extract", "Pipeline"):
        from actorgraph import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'actorgraph' has no attribute {name!r}")
