"""Documents in: read .txt, .html, .jsonl files and directories into `InputDocument`s."""

from actorgraph.ingest.readers import (
    ACCEPTED_SUFFIXES,
    MAX_DOCUMENT_CHARS,
    InputDocument,
    ReadError,
    iter_documents,
    read_text_file,
)

__all__ = [
    "ACCEPTED_SUFFIXES",
    "MAX_DOCUMENT_CHARS",
    "InputDocument",
    "ReadError",
    "iter_documents",
    "read_text_file",
]
