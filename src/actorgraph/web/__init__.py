"""The web page and JSON API: `create_app(db)`; run it with `actorgraph serve`."""

from actorgraph.web.app import create_app

__all__ = ["create_app"]
