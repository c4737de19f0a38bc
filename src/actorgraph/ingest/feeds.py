"""RSS and Atom feeds in: each entry becomes an `InputDocument` (feedparser; a local file or a URL).

A feed entry's text is its title and its full content when the feed carries it (`content:encoded`,
Atom `content`), else its summary, with the markup removed. Feeds rarely carry whole articles:
what the feed says is what actorgraph reads; it does not fetch the linked pages.

Each entry has a stable `key` (its id/guid, else its link, else a hash of its title and text)
that `actorgraph watch` remembers in the store, so an entry is never ingested twice.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from actorgraph.ingest.readers import MAX_DOCUMENT_CHARS, InputDocument, ReadError

FEED_SUFFIXES: tuple[str, ...] = (".rss", ".atom", ".xml")

_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\s*\n\s*")


def is_feed(source: str | Path) -> bool:
    """Whether `source` names a feed: an http(s) URL, or a .rss, .atom or .xml file."""
    text = str(source)
    return text.startswith(("http://", "https://")) or Path(text).suffix.lower() in FEED_SUFFIXES


@dataclass
class FeedEntry:
    """One entry of a feed: its stable key and the document (or why it could not be read)."""

    key: str
    document: InputDocument | ReadError


def html_to_text(markup: str) -> str:
    """Feed HTML as plain text: paragraphs and line breaks become newlines, entities are decoded."""
    text = html.unescape(_TAG.sub(" ", _BREAK.sub("\n", markup)))
    return _LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def _entry_text(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    body = max(contents, key=len) if contents else entry.get("summary", "") or ""
    title = html_to_text(entry.get("title", "") or "")
    text = html_to_text(body)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return text


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
            except ValueError:
                continue
    return None


def entry_key(entry: Any) -> str:
    """The entry's identity across fetches: its id (guid), else its link, else a hash of its text."""
    for key in ("id", "link"):
        value = (entry.get(key) or "").strip()
        if value:
            return value
    digest = hashlib.sha1(f"{entry.get('title', '')}\n{entry.get('summary', '')}".encode()).hexdigest()
    return f"sha1:{digest}"


def document_id(feed: str, key: str) -> str:
    """A short stable document id for an entry: the feed's host (or file name) and a hash of its key."""
    host = urlparse(feed).hostname if feed.startswith(("http://", "https://")) else Path(feed).stem
    return f"{host or 'feed'}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def read_feed(source: str | Path, published: str | None = None) -> tuple[list[FeedEntry], str | None]:
    """Every entry of the feed at `source` (a path or URL), in feed order, and the feed's error, if any.

    A feed that cannot be fetched or parsed at all gives no entries and an error message; a
    feed with a minor XML problem (feedparser's "bozo") is read as far as it goes.
    """
    import feedparser  # imported here: only feeds need it

    where = str(source)
    if not where.startswith(("http://", "https://")) and not Path(where).exists():
        return [], f"no such feed file: {where}"
    parsed = feedparser.parse(where)
    if parsed.get("bozo") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        return [], f"cannot read the feed {where}: {problem or 'not RSS or Atom'}"
    outlet = html_to_text(parsed.feed.get("title", "") or "") or None
    entries = []
    for n, entry in enumerate(parsed.entries, 1):
        key = entry_key(entry)
        doc_id = document_id(where, key)
        text = _entry_text(entry)
        if not text:
            document: InputDocument | ReadError = ReadError(
                id=doc_id, error=f"{where} entry {n}: empty entry", path=f"{where}#{n}"
            )
        elif len(text) > MAX_DOCUMENT_CHARS:
            document = ReadError(id=doc_id, error=f"{where} entry {n}: entry too long", path=f"{where}#{n}")
        else:
            document = InputDocument(
                id=doc_id,
                text=text,
                title=html_to_text(entry.get("title", "") or "") or None,
                published=_entry_date(entry) or published,
                outlet=outlet,
                url=entry.get("link") or None,
                path=f"{where}#{n}",
            )
        entries.append(FeedEntry(key=key, document=document))
    return entries, None


def iter_feed(source: str | Path, published: str | None = None):  # -> Iterator[InputDocument | ReadError]
    """The feed's documents, for `iter_documents`: an unreadable feed is one ReadError."""
    entries, error = read_feed(source, published)
    if error is not None:
        yield ReadError(id=Path(str(source)).name or str(source), error=error, path=str(source))
    for entry in entries:
        yield entry.document
