"""Turn the paths a user names into documents, following the "Inputs" section of CONTRACT.md.

Everything downstream indexes into `InputDocument.text`, so a `.txt` file's text is kept
exactly as stored. Nothing here stops a run: a file or line that cannot be read becomes a
`ReadError` in its place and the reading goes on. `.jsonl` files are streamed one line at a
time so that a corpus never has to fit in memory, and no file is read past the size limit.

Refused, each with a message naming the document and the problem: binary files (a NUL byte,
a UTF-16/32 byte-order mark, or mostly undecodable bytes), empty documents, documents over
MAX_DOCUMENT_CHARS, anything that is not a regular file (FIFOs, devices), unreadable files and
directories, broken JSON lines and wrong field types, and documents that are clearly not
English (language.py). Invalid UTF-8 and lone surrogates are replaced with U+FFFD and the
document carries a warning saying so.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "ACCEPTED_SUFFIXES",
    "MAX_DOCUMENT_CHARS",
    "InputDocument",
    "ReadError",
    "iter_documents",
    "read_text_file",
]

MAX_DOCUMENT_CHARS = 1_000_000
"""Longer documents are refused: the pipeline is built for news reports, not books.

This is spaCy's default `nlp.max_length`, so that every document read here can be parsed."""
MAX_ID_CHARS = 1_000

ACCEPTED_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")

_BINARY_SNIFF_BYTES = 8192
# Bytes that are neither decodable UTF-8 nor text-like controls, as a share of the sniffed start,
# above which a file is taken for binary rather than text in a legacy encoding.
_MAX_JUNK_SHARE = 0.3
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON line may escape every character as \uXXXX (6 bytes), plus the other fields.
_MAX_LINE_BYTES = MAX_DOCUMENT_CHARS * 6 + 65536
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_OPTIONAL_STR_FIELDS = ("title", "published", "outlet", "url")


@dataclass
class InputDocument:
    """One document to process; `text` is what the contract's offsets index."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    path: str | None = None  # where it came from, for messages ("corpus.jsonl:12" for a line)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ReadError:
    """A document that could not be read; it becomes an error line in the output."""

    id: str
    error: str
    path: str | None = None


class _Unreadable(Exception):
    """Raised inside this module for a file that yields a single ReadError."""


def iter_documents(
    paths: Iterable[str | Path], *, published: str | None = None
) -> Iterator[InputDocument | ReadError]:
    """Yield every document under `paths`, in input order, one at a time.

    `published` is the date given to documents that carry none. It is checked here, before
    anything is read, so a typo fails the command at once instead of after the first file.
    """
    if published is not None:
        published = _check_published_option(published)
    return _iter_paths(paths, published)


def read_text_file(path: str | Path) -> tuple[str, list[str]]:
    """Read a whole text file as UTF-8, replacing invalid bytes; return (text, warnings).

    Raises OSError when the file cannot be read and ValueError when it is binary or too long.
    """
    try:
        return _read_text(Path(path))
    except _Unreadable as exc:
        raise ValueError(str(exc)) from None


def _check_published_option(value: str) -> str:
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--published must be a date as YYYY-MM-DD, got {value!r}") from None
    return value


def _iter_paths(paths: Iterable[str | Path], published: str | None) -> Iterator[InputDocument | ReadError]:
    for raw in paths:
        from actorgraph.ingest.feeds import is_feed, iter_feed  # feeds: RSS/Atom files and URLs

        if is_feed(raw):
            local = Path(raw) if not str(raw).startswith(("http://", "https://")) else None
            try:
                if local is not None and local.exists():
                    _check_regular(local)
            except _Unreadable as exc:
                yield ReadError(id=_doc_id(local), error=f"{_show(local)}: {exc}", path=str(local))
                continue
            entries = 0
            for item in iter_feed(raw, published):
                entries += 1
                yield _screen(item, f"{_show(raw)} entry {(item.path or '').rpartition('#')[2]}")
            if not entries:
                name = _show(raw)
                yield ReadError(id=_doc_id(Path(raw)), error=f"{name}: no entries in the feed", path=str(raw))
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                if isinstance(found, ReadError):
                    yield found
                else:
                    yield from _read_file(found, published)
        elif not path.exists():
            yield ReadError(
                id=_doc_id(path), error=f"no such file or directory: {_show(path)}", path=str(path)
            )
        elif path.suffix.lower() not in ACCEPTED_SUFFIXES:
            accepted = ", ".join(ACCEPTED_SUFFIXES)
            yield ReadError(
                id=_doc_id(path),
                error=f"unsupported file type {_show(path.suffix) or '(none)'!r} for {_show(path)}: accepted are {accepted} or a directory",
                path=str(path),
            )
        else:
            yield from _read_file(path, published)


def _walk(root: Path) -> list[Path | ReadError]:
    """Every accepted file below `root`, sorted by path so that runs are reproducible.

    A directory that cannot be listed becomes a ReadError in its place (os.walk would skip it
    silently). Symbolic links to directories are not followed, so a link loop cannot hang a run.
    """
    found: list[tuple[str, Path | ReadError]] = []

    def unlistable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        problem = f"cannot read directory {_show(where)}: {exc.strerror or exc}"
        found.append((str(where), ReadError(id=_doc_id(where), error=problem, path=str(where))))

    for dirpath, _dirnames, filenames in os.walk(root, onerror=unlistable):
        for name in filenames:
            if os.path.splitext(name)[1].lower() in ACCEPTED_SUFFIXES:
                path = Path(dirpath, name)
                found.append((str(path), path))
    return [item for _key, item in sorted(found, key=lambda kv: kv[0])]


def _show(value: str | Path) -> str:
    """A path as it can be printed: undecodable bytes in file names become U+FFFD."""
    return os.fsencode(value).decode("utf-8", errors="replace")


def _doc_id(path: Path) -> str:
    return _show(path.stem or path.name)


def _read_file(path: Path, published: str | None) -> Iterator[InputDocument | ReadError]:
    suffix = path.suffix.lower()
    try:
        _check_regular(path)
        if suffix == ".jsonl":
            for item in _read_jsonl(path, published):
                yield _screen(item, f"{_show(path)} line {item.path.rsplit(':', 1)[-1]}" if item.path else "")
        elif suffix in (".html", ".htm"):
            yield _screen(_read_html(path, published), _show(path))
        else:
            text, warnings = _read_text(path)
            if not text.strip():
                raise _Unreadable("empty document")
            doc = InputDocument(
                id=_doc_id(path), text=text, published=published, path=str(path), warnings=warnings
            )
            yield _screen(doc, _show(path))
    except _Unreadable as exc:
        yield ReadError(id=_doc_id(path), error=f"{_show(path)}: {exc}", path=str(path))
    except OSError as exc:
        yield ReadError(
            id=_doc_id(path), error=f"cannot read {_show(path)}: {exc.strerror or exc}", path=str(path)
        )


def _screen(item: InputDocument | ReadError, where: str) -> InputDocument | ReadError:
    """Refuse a document that is clearly not English: extraction would only make up claims."""
    if isinstance(item, ReadError):
        return item
    from actorgraph.ingest.language import not_english_reason

    reason = not_english_reason(item.text)
    if reason is None:
        return item
    return ReadError(id=item.id, error=f"{where}: {reason}", path=item.path)


def _check_regular(path: Path) -> None:
    """Refuse FIFOs, devices and sockets: reading one could block or never end."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
        kinds += ((stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))
        kind = next((name for test, name in kinds if test(mode)), "a special file")
        raise _Unreadable(f"not a regular file ({kind})")


def _read_bytes(path: Path, *, utf8: bool = True) -> bytes:
    """The file's bytes, refusing binary files and files too big to be one document.

    `utf8=False` (HTML, which names its own encoding) skips the share-of-invalid-UTF-8 test.
    """
    # UTF-8 needs at most 4 bytes a character: beyond that, the text is over the limit for sure.
    limit = MAX_DOCUMENT_CHARS * 4
    if path.stat().st_size > limit:
        raise _Unreadable(_too_long())
    _check_regular(path)
    with path.open("rb") as f:  # never more than the limit, whatever the file grew to since stat
        data = f.read(limit + 1)
    if len(data) > limit:
        raise _Unreadable(_too_long())
    _check_not_binary(data[:_BINARY_SNIFF_BYTES], utf8=utf8)
    return data


def _check_not_binary(head: bytes, *, utf8: bool = True) -> None:
    """Raise _Unreadable when the first bytes of a file show it is not UTF-8 text."""
    for bom, encoding in _UNICODE_BOMS:
        if head.startswith(bom):
            raise _Unreadable(f"{encoding} text (byte-order mark {bom.hex(' ').upper()}): save it as UTF-8")
    if b"\0" in head:
        raise _Unreadable("binary file, not text")
    sample = head.decode("utf-8", errors="replace")
    if utf8 and len(sample) >= 64:
        # a multi-byte character cut at the sniff's end decodes to U+FFFD too: it is not counted
        junk = sum(1 for ch in sample[:-3] if ch == "\ufffd" or (ch < " " and ch not in _TEXT_CONTROLS))
        if junk / len(sample) > _MAX_JUNK_SHARE:
            raise _Unreadable(
                f"binary file, not text ({junk / len(sample):.0%} of its first {len(head):,} bytes "
                "are control characters or invalid UTF-8)"
            )


def _read_text(path: Path) -> tuple[str, list[str]]:
    text, warnings = _decode(_read_bytes(path))
    if len(text) > MAX_DOCUMENT_CHARS:
        raise _Unreadable(_too_long(len(text)))
    return text, warnings


def _decode(data: bytes) -> tuple[str, list[str]]:
    """Decode UTF-8 unchanged; invalid bytes become U+FFFD and a warning counts them."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    # A valid encoded U+FFFD (EF BF BD) always decodes to itself, so the difference counts
    # exactly the replacements the decoder made.
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    return text, [f"invalid UTF-8 replaced at {replaced} places"]


def _too_long(chars: int | None = None) -> str:
    size = f" ({chars:,} characters)" if chars is not None else ""
    return f"document too long{size}: the limit is {MAX_DOCUMENT_CHARS:,} characters"


def _read_html(path: Path, published: str | None) -> InputDocument:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    data = _read_bytes(path, utf8=False)
    try:
        text = trafilatura.extract(
            data, include_comments=False, include_tables=True, output_format="txt", with_metadata=False
        )
        # Not the extensive date search: it guesses from dates mentioned in the article body.
        meta = trafilatura.extract_metadata(data, extensive=False) if text and text.strip() else None
    except Exception as exc:  # a parser bug on one odd page must not end the run
        raise _Unreadable(f"could not parse the HTML ({type(exc).__name__}: {exc})") from exc
    if meta is None or not text:
        raise _Unreadable("no main text found in the HTML")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise _Unreadable(_too_long(len(text)))
    warnings: list[str] = []
    found_date = _iso_date(meta.date) if meta.date else None
    if meta.date and found_date is None:
        warnings.append(f"ignored the page's date {meta.date!r}: not an ISO date")
    return InputDocument(
        id=_doc_id(path),
        text=text,
        title=meta.title or None,
        published=found_date or published,
        url=meta.url or None,
        path=str(path),
        warnings=warnings,
    )


def _iso_date(value: str) -> str | None:
    """The YYYY-MM-DD day of an ISO date or datetime, or None if `value` is neither."""
    value = value.strip()
    try:
        if _ISO_DAY.fullmatch(value):
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def _read_jsonl(path: Path, published: str | None) -> Iterator[InputDocument | ReadError]:
    with path.open("rb") as f:
        _check_not_binary(f.read(_BINARY_SNIFF_BYTES))
        f.seek(0)
        lineno = 0
        while True:
            raw = f.readline(_MAX_LINE_BYTES)
            if not raw:
                return
            lineno += 1
            where = f"{path}:{lineno}"
            fallback_id = f"{path.name}:{lineno}"
            if len(raw) == _MAX_LINE_BYTES and not raw.endswith(b"\n"):
                _skip_rest_of_line(f)
                yield ReadError(id=fallback_id, error=f"{path} line {lineno}: {_too_long()}", path=where)
                continue
            if not raw.strip():
                continue
            line, warnings = _decode(raw)
            if lineno == 1:
                line = line.removeprefix("\ufeff")  # a byte-order mark some editors write
            yield _parse_line(line, warnings, path, lineno, published)


def _skip_rest_of_line(f: BinaryIO) -> None:
    while True:
        chunk = f.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _parse_line(
    line: str, warnings: list[str], path: Path, lineno: int, published: str | None
) -> InputDocument | ReadError:
    where = f"{path}:{lineno}"

    def error(doc_id: str, problem: str) -> ReadError:
        return ReadError(id=doc_id, error=f"{_show(path)} line {lineno}: {problem}", path=where)

    fallback_id = f"{_show(path.name)}:{lineno}"
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return error(fallback_id, f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
    except RecursionError:
        return error(fallback_id, "invalid JSON (nested too deeply)")
    except ValueError:  # an integer with more digits than Python converts (sys.get_int_max_str_digits)
        return error(fallback_id, "invalid JSON (a number too long to convert)")
    if not isinstance(record, dict):
        return error(fallback_id, f"expected a JSON object, got {type(record).__name__}")

    replaced = 0
    for key in ("id", "text", *_OPTIONAL_STR_FIELDS):
        value = record.get(key)
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            record[key], n = _LONE_SURROGATE.subn("\ufffd", value)
            replaced += n
    if replaced:
        warnings = [*warnings, f"invalid UTF-16 surrogate escapes replaced at {replaced} places"]

    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        if doc_id is None:
            return error(fallback_id, "missing 'id'")
        return error(fallback_id, "empty 'id'" if isinstance(doc_id, str) else _wrong_type("id", doc_id))
    if len(doc_id) > MAX_ID_CHARS:
        return error(
            fallback_id, f"'id' too long ({len(doc_id):,} characters): the limit is {MAX_ID_CHARS:,}"
        )

    text = record.get("text")
    if text is None:
        return error(doc_id, "missing 'text'")
    if not isinstance(text, str):
        return error(doc_id, _wrong_type("text", text))
    if not text.strip():
        return error(doc_id, "empty document")
    if len(text) > MAX_DOCUMENT_CHARS:
        return error(doc_id, _too_long(len(text)))

    for key in _OPTIONAL_STR_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return error(doc_id, _wrong_type(key, value))

    doc_date = published
    if record.get("published"):
        doc_date = _iso_date(record["published"])
        if doc_date is None:
            return error(doc_id, f"'published' is not an ISO date: {record['published']!r}")

    return InputDocument(
        id=doc_id,
        text=text,
        title=record.get("title") or None,
        published=doc_date,
        outlet=record.get("outlet") or None,
        url=record.get("url") or None,
        path=where,
        warnings=warnings,
    )


def _wrong_type(key: str, value: object) -> str:
    return f"{key!r} must be a string, got {type(value).__name__}"
