"""The extraction stages (actors, attributions, claims, time, contradictions).

`actorgraph.extract(text, published=...)` is also the library's main function. Importing a
submodule of this package makes `actorgraph.extract` name the package, so the package is
made callable and calls the function: both `actorgraph.extract(...)` and
`actorgraph.extract.claims` keep working whatever was imported first.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, text: str, **kwargs: Any) -> Any:
        from actorgraph.pipeline import extract

        return extract(text, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
