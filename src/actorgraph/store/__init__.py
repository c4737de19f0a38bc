"""The store: contract documents in, sourced ties between actors out (SQLite or PostgreSQL)."""

from actorgraph.store.rows import (
    ActorProfile,
    ActorRow,
    ClaimRow,
    ContradictionRow,
    CounterpartTies,
    Tie,
    normalize_name,
)
from actorgraph.store.schema import SCHEMA_VERSION, SchemaError
from actorgraph.store.store import (
    DEFAULT_DB,
    ActorNotFound,
    AmbiguousActor,
    InvalidDocument,
    Store,
    StoreError,
    StoreNotFound,
    database_url,
    source_of,
    text_hash,
)

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "ActorNotFound",
    "ActorProfile",
    "ActorRow",
    "AmbiguousActor",
    "ClaimRow",
    "ContradictionRow",
    "CounterpartTies",
    "InvalidDocument",
    "SchemaError",
    "Store",
    "StoreError",
    "StoreNotFound",
    "Tie",
    "database_url",
    "normalize_name",
    "source_of",
    "text_hash",
]
