"""Bad input: one clear error per bad document (its name, what is wrong), and the run goes on.

The committed corpus is tests/fixtures/hostile/ (see its README); what is too big, too odd or
too system-specific to commit (10 MB documents, FIFOs, links to devices, unreadable
directories, undecodable file names) is made here at test time.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.contract import check_document
from actorgraph.ingest import MAX_DOCUMENT_CHARS, InputDocument, ReadError, iter_documents

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
LIMIT = f"{MAX_DOCUMENT_CHARS:,}"
TEN_MB = 10 * 1024 * 1024
ARTICLE = "Turkey and Greece held talks in Athens on Friday, officials said.\n"

# (file, id) -> ("doc", warning expected or "") or ("error", words the message must hold)
EXPECTED: dict[tuple[str, str], tuple[str, str]] = {
    ("good.txt", "good"): ("doc", ""),
    ("empty.txt", "empty"): ("error", "empty document"),
    ("whitespace.txt", "whitespace"): ("error", "empty document"),
    ("binary.txt", "binary"): ("error", "binary file, not text"),
    ("no-nul-binary.txt", "no-nul-binary"): ("error", "binary file, not text (51% of its first 4,096 bytes"),
    ("cp1252.txt", "cp1252"): ("doc", "invalid UTF-8 replaced at 5 places"),
    ("utf16.txt", "utf16"): ("error", "UTF-16 text (byte-order mark FF FE): save it as UTF-8"),
    ("french.txt", "french"): ("error", "not English (looks like French"),
    ("russian.txt", "russian"): ("error", "not English (looks like Cyrillic script"),
    ("chinese.txt", "chinese"): ("error", "not English (looks like CJK script"),
    ("malformed.html", "malformed"): ("doc", ""),
    ("unclosed-title.html", "unclosed-title"): ("error", "no main text found in the HTML"),
    ("no-text.html", "no-text"): ("error", "no main text found in the HTML"),
    ("binary.html", "binary"): ("error", "binary file, not text"),
    ("bom.jsonl", "bom-first"): ("doc", ""),
    ("invalid-utf8.jsonl", "latin1-line"): ("doc", "invalid UTF-8 replaced at 1 places"),
    ("broken.jsonl", "jsonl-good"): ("doc", ""),
    ("broken.jsonl", "broken.jsonl:2"): (
        "error",
        "line 2: invalid JSON (Invalid control character at column",
    ),
    ("broken.jsonl", "broken.jsonl:3"): ("error", "line 3: missing 'id'"),
    ("broken.jsonl", "no-text"): ("error", "line 4: missing 'text'"),
    ("broken.jsonl", "broken.jsonl:5"): ("error", "line 5: 'id' must be a string, got int"),
    ("broken.jsonl", "text-object"): ("error", "line 6: 'text' must be a string, got dict"),
    ("broken.jsonl", "title-list"): ("error", "line 7: 'title' must be a string, got list"),
    ("broken.jsonl", "bad-date"): ("error", "line 8: 'published' is not an ISO date: 'yesterday'"),
    ("broken.jsonl", "broken.jsonl:9"): ("error", "line 9: expected a JSON object, got list"),
    ("broken.jsonl", "broken.jsonl:10"): ("error", "line 10: expected a JSON object, got str"),
    ("broken.jsonl", "broken.jsonl:11"): ("error", "line 11: invalid JSON (nested too deeply)"),
    ("broken.jsonl", "broken.jsonl:12"): ("error", "line 12: invalid JSON (a number too long to convert)"),
    ("broken.jsonl", "surrogate"): ("doc", "invalid UTF-16 surrogate escapes replaced at 2 places"),
    ("broken.jsonl", "nul-char"): ("doc", ""),
    ("broken.jsonl", "broken.jsonl:15"): ("error", "line 15: empty 'id'"),
    ("broken.jsonl", "blank-text"): ("error", "line 16: empty document"),
    ("broken.jsonl", "french-line"): ("error", "line 17: not English (looks like French"),
    ("broken.jsonl", "jsonl-last"): ("doc", ""),
}

runner = CliRunner()


def _file_of(item: InputDocument | ReadError) -> str:
    return Path(
        (item.path or "").split(".jsonl:")[0] + (".jsonl" if ".jsonl:" in (item.path or "") else "")
    ).name


def test_hostile_corpus_gives_one_clear_result_per_document() -> None:
    items = list(iter_documents([HOSTILE]))
    seen = {(_file_of(item), item.id): item for item in items}
    assert len(seen) == len(items), "one result per document"
    assert set(seen) == set(EXPECTED)
    for key, (kind, words) in EXPECTED.items():
        item = seen[key]
        if kind == "doc":
            assert isinstance(item, InputDocument), (key, item)
            assert item.warnings == ([words] if words else []), key
            assert "\ufffd" not in item.text or words, key
        else:
            assert isinstance(item, ReadError), (key, item)
            assert words in item.error, (key, item.error)
            assert key[0] in item.error, f"the message names the file: {item.error}"


def test_hostile_corpus_through_extract_cli_goes_on_and_keeps_the_contract() -> None:
    result = runner.invoke(app, ["extract", str(HOSTILE), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == len(EXPECTED)
    errors = [x for x in lines if "error" in x]
    docs = [x for x in lines if "error" not in x]
    assert len(docs) == sum(1 for kind, _ in EXPECTED.values() if kind == "doc")
    for doc in docs:
        assert check_document(doc) == [], doc["id"]
    assert all(set(e) == {"id", "error"} and e["error"] for e in errors)
    surrogate = next(d for d in docs if d["id"] == "surrogate")
    assert surrogate["warnings"] == ["invalid UTF-16 surrogate escapes replaced at 2 places"]
    assert "skipped" in result.stderr and "french" in result.stderr


def test_hostile_corpus_ingests_what_it_can_and_the_store_checks_clean(tmp_path: Path) -> None:
    from actorgraph.store import Store
    from actorgraph.store.maintenance import check_store

    db = tmp_path / "hostile.db"
    result = runner.invoke(app, ["ingest", str(HOSTILE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store.open(db, create=False) as store:
        ids = {d["id"] for d in store.documents(limit=1000)}
    good = {doc_id for (_f, doc_id), (kind, _w) in EXPECTED.items() if kind == "doc"}
    assert ids == good
    assert check_store(db).ok


# -- made at test time --------------------------------------------------------------------------


def test_10mb_txt_is_refused_naming_the_limit_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(TEN_MB)  # sparse: the reader must refuse it from its size
    (tmp_path / "after.txt").write_text(ARTICLE, encoding="utf-8")
    huge, after = iter_documents([path, tmp_path / "after.txt"])
    assert isinstance(huge, ReadError) and huge.id == "huge"
    assert f"the limit is {LIMIT} characters" in huge.error and str(path) in huge.error
    assert isinstance(after, InputDocument)


def test_10mb_html_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_bytes(b"<html><body>" + b"<p>Iran met Iraq.</p>" * (TEN_MB // 21) + b"</body></html>")
    (error,) = iter_documents([path])
    assert isinstance(error, ReadError) and f"the limit is {LIMIT} characters" in error.error


def test_10mb_jsonl_line_is_refused_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "huge", "text": "Iran met Iraq. " * (TEN_MB // 15)}) + "\n")
        f.write(json.dumps({"id": "next", "text": ARTICLE}) + "\n")
    huge, after = iter_documents([path])
    # over 6 bytes a character allowed: refused from its length, never held whole in memory
    assert isinstance(huge, ReadError) and huge.id == "feed.jsonl:1"
    assert f"line 1: document too long: the limit is {LIMIT} characters" in huge.error
    assert isinstance(after, InputDocument) and after.id == "next"


def test_escaped_jsonl_text_over_the_limit_is_refused_after_parsing(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write('{"id": "escaped", "text": "' + "\\u0041" * (MAX_DOCUMENT_CHARS + 1) + '"}\n')
        f.write(json.dumps({"id": "next", "text": ARTICLE}) + "\n")
    huge, after = iter_documents([path])
    assert isinstance(huge, ReadError) and huge.id == "escaped"
    assert f"document too long ({MAX_DOCUMENT_CHARS + 1:,} characters)" in huge.error
    assert isinstance(after, InputDocument) and after.id == "next"


def test_jsonl_id_too_long_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "x" * 5000, "text": ARTICLE}) + "\n", encoding="utf-8")
    (error,) = iter_documents([path])
    assert (
        isinstance(error, ReadError) and "'id' too long (5,000 characters): the limit is 1,000" in error.error
    )


needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX FIFOs and /dev")


@needs_posix
@pytest.mark.timeout(20)
def test_fifo_and_device_links_are_refused_not_read_forever(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zeros.txt").symlink_to("/dev/zero")
    (tmp_path / "random.jsonl").symlink_to("/dev/urandom")
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    items = {item.id: item for item in iter_documents([tmp_path])}
    assert "not a regular file (a FIFO)" in items["pipe"].error
    assert "not a regular file (a device)" in items["zeros"].error
    assert "not a regular file (a device)" in items["random"].error
    assert "cannot read" in items["dangling"].error and "No such file" in items["dangling"].error
    assert isinstance(items["ok"], InputDocument)


@needs_posix
@pytest.mark.timeout(20)
def test_directory_link_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    assert [item.id for item in iter_documents([tmp_path])] == ["ok"]


def test_unreadable_directory_is_an_error_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = "."):  # chmod 000 does not stop root: simulate it
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_documents([tmp_path]))
    assert [type(x).__name__ for x in items] == ["ReadError", "InputDocument"]
    assert items[0].error == f"cannot read directory {tmp_path / 'locked'}: Permission denied"
    assert items[1].id == "ok"


@needs_posix
def test_undecodable_file_name_gives_a_printable_id(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-report.txt")  # Latin-1 bytes in a UTF-8 file system
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / os.fsdecode(b"bin\xff.txt")).write_bytes(b"\x00\x01")
    doc, error = sorted(iter_documents([tmp_path]), key=lambda x: type(x).__name__)
    assert isinstance(doc, InputDocument) and doc.id == "caf\ufffd-report"
    assert isinstance(error, ReadError) and error.id == "bin\ufffd"
    for text in (doc.id, error.id, error.error):
        text.encode("utf-8")  # no lone surrogates: printable, storable


def test_binary_file_with_text_suffix_in_extract_cli_is_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(os.urandom(4096).replace(b"\x00", b"\x01"))
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "a" and first["error"].startswith(f"{tmp_path / 'a.txt'}: binary file, not text")
    assert second["id"] == "b" and check_document(second) == []


# -- feeds (RSS/Atom files) ---------------------------------------------------------------------

FEEDS = HOSTILE / "feeds"


def test_malformed_feeds_give_one_clear_error_each_and_reading_goes_on() -> None:
    names = ["truncated.rss", "notxml.rss", "empty.xml", "binary.rss", "french.rss"]
    items = list(iter_documents([FEEDS / n for n in names]))
    docs = [x for x in items if isinstance(x, InputDocument)]
    errors = [x.error for x in items if isinstance(x, ReadError)]
    # a truncated feed is read as far as it goes: its complete first entry is kept
    assert [d.title for d in docs] == ["Iran and Iraq sign a deal"]
    assert any("truncated.rss entry 2: empty entry" in e for e in errors)
    assert any(e.startswith(f"cannot read the feed {FEEDS / 'notxml.rss'}") for e in errors)
    assert f"{FEEDS / 'empty.xml'}: no entries in the feed" in errors
    assert any(e.startswith(f"cannot read the feed {FEEDS / 'binary.rss'}") for e in errors)
    assert any("french.rss entry 1: not English (looks like French" in e for e in errors)
    assert any("french.rss entry 2: empty entry" in e for e in errors)
    assert len(items) == 7


@needs_posix
@pytest.mark.timeout(20)
def test_feed_fifo_is_refused_not_read_forever(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "wire.rss")
    (error,) = iter_documents([tmp_path / "wire.rss"])
    assert isinstance(error, ReadError) and "not a regular file (a FIFO)" in error.error
