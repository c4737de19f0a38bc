"""Who may write, and the headers every response carries.

Write endpoints (ingest, curation) need a token, on loopback too:

- `actorgraph serve` makes one at start unless `--token` or `ACTORGRAPH_TOKEN` gives a
  team's own; it is printed in the server's log.
- On loopback the server hands the token to its own pages (`<meta name="actorgraph-token">`),
  so the UI's forms work; other sites cannot read those pages (same-origin policy), and the
  Host check below stops DNS-rebinding pages from reading them through a rebound name.
- Bound to any other interface, pages never carry the token (analysts paste it once into the
  form); with no token configured there, writes are off (403).

Tokens are compared with `hmac.compare_digest`, in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from fastapi import HTTPException, Request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
TOKEN_ENV = "ACTORGRAPH_TOKEN"


def new_token() -> str:
    """A fresh random token (32 bytes of entropy, URL-safe)."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def presented_token(request: Request) -> str | None:
    """The token a request carries: `Authorization: Bearer T` or `X-Actorgraph-Token: T`."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-actorgraph-token") or None


class WriteGuard:
    """Checks write requests against the server's token; `token=None` turns writes off."""

    def __init__(self, token: str | None):
        self.token = token

    @property
    def enabled(self) -> bool:
        return self.token is not None

    def check(self, request: Request) -> None:
        """Raise 403 when writes are off, 401 when the token is missing or wrong."""
        if self.token is None:
            raise HTTPException(
                403,
                "writes are off: this server listens beyond loopback without a token; "
                f"restart it with --token or {TOKEN_ENV}",
            )
        given = presented_token(request)
        if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
            raise HTTPException(
                401,
                "a write token is needed: send 'Authorization: Bearer TOKEN' (the server prints it at start)",
                headers={"WWW-Authenticate": "Bearer"},
            )
