"""Tests for actorgraph.ingest: every input kind of CONTRACT.md "Inputs" and each way one can fail."""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path

import pytest

from actorgraph.ingest import MAX_DOCUMENT_CHARS, InputDocument, ReadError, iter_documents, read_text_file

ARTICLE = (
    "Kremlin spokesman Dmitry Peskov told reporters on Tuesday that Russia had no plans to attack Ukraine.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Talks resume in Doha | Example</title>
<meta property="og:title" content="Talks resume in Doha">
<meta property="article:published_time" content="2020-03-01T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Talks resume in Doha</h1>
<p>United States and Taliban negotiators met in Doha on Saturday to sign an agreement on the
withdrawal of foreign troops from Afghanistan, officials said.</p>
<p>"This is a day of hope," a Taliban spokesman told reporters after the ceremony, adding that
the group would honour its commitments under the deal.</p>
<p>Two officials who spoke on condition of anonymity said the talks had lasted more than a year
and that several obstacles remained before a ceasefire could hold.</p>
</article>
<footer>Copyright Example Footer Corp. All rights reserved.</footer>
</body></html>
"""


def read_all(*paths: str | Path, published: str | None = None) -> list[InputDocument | ReadError]:
    return list(iter_documents(paths, published=published))


def only_doc(items: list[InputDocument | ReadError]) -> InputDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], InputDocument), items[0]
    return items[0]


def only_error(items: list[InputDocument | ReadError]) -> ReadError:
    assert len(items) == 1, items
    assert isinstance(items[0], ReadError), items[0]
    return items[0]


def write_jsonl(path: Path, lines: list[object | str]) -> Path:
    """Write `lines` one per line; strings are written as they are, to allow broken lines."""
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


# .txt


def test_txt_keeps_text_unchanged_and_id_is_the_stem(tmp_path: Path) -> None:
    text = "  Line one\r\nLine two\u00a0with “quotes”\n\n"
    path = tmp_path / "peskov-denial.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = only_doc(read_all(path))
    assert doc.id == "peskov-denial"
    assert doc.text == text
    assert doc.title is None and doc.published is None
    assert doc.path == str(path)
    assert doc.warnings == []


def test_txt_invalid_utf8_is_replaced_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    # two invalid places, and one genuine U+FFFD that must not be counted
    path.write_bytes(b"Kyiv \xff said \xc3( and \xef\xbf\xbd stays")
    doc = only_doc(read_all(path))
    assert doc.text == "Kyiv \ufffd said \ufffd( and \ufffd stays"
    assert doc.warnings == ["invalid UTF-8 replaced at 2 places"]


def test_read_text_file_returns_text_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"ok \x80")
    assert read_text_file(path) == ("ok \ufffd", ["invalid UTF-8 replaced at 1 places"])


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_txt_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = only_error(read_all(path))
    assert error.id == "empty"
    assert "empty document" in error.error


def test_binary_txt_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    error = only_error(read_all(path))
    assert error.id == "image"
    assert "binary file, not text" in error.error


def test_nul_after_the_first_8kb_is_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"a" * 9000 + b"\x00")
    assert only_doc(read_all(path)).text.endswith("\x00")


def test_too_long_txt_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("a" * (MAX_DOCUMENT_CHARS + 1), encoding="utf-8")
    error = only_error(read_all(path))
    assert f"{MAX_DOCUMENT_CHARS:,}" in error.error


def test_txt_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("a" * MAX_DOCUMENT_CHARS, encoding="utf-8")
    assert len(only_doc(read_all(path)).text) == MAX_DOCUMENT_CHARS


# paths that cannot be read


def test_missing_path_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    items = read_all(tmp_path / "nope.txt", good)
    assert isinstance(items[0], ReadError)
    assert items[0].id == "nope"
    assert str(tmp_path / "nope.txt") in items[0].error
    assert isinstance(items[1], InputDocument) and items[1].id == "good"


def test_unknown_extension_is_an_error_listing_accepted_ones(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    error = only_error(read_all(path))
    assert error.id == "report"
    assert "'.pdf'" in error.error
    for suffix in (".txt", ".html", ".jsonl"):
        assert suffix in error.error


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions and a non-root user",
)
def test_unreadable_file_is_an_error_naming_path_and_os_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        error = only_error(read_all(path))
    finally:
        path.chmod(0o644)
    assert str(path) in error.error
    assert "Permission denied" in error.error


def test_os_error_while_reading_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    error = only_error(read_all(path))
    assert error.id == "locked"
    assert error.error == f"cannot read {path}: Permission denied"


def test_uppercase_extension_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "LOUD.TXT"
    path.write_text(ARTICLE, encoding="utf-8")
    assert only_doc(read_all(path)).id == "LOUD"


# directories


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    (tmp_path / "b" / "one.txt").write_text("one", encoding="utf-8")
    (tmp_path / "a" / "z" / "two.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a" / "three.txt").write_text("three", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "a" / "page.htm").write_text(HTML_PAGE, encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", [{"id": "four", "text": "four"}, {"id": "five", "text": "five"}])
    ids = [item.id for item in read_all(tmp_path)]
    assert ids == ["page", "three", "two", "one", "four", "five"]


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(name, encoding="utf-8")
    ids = [item.id for item in read_all(tmp_path / "c.txt", tmp_path / "a.txt", tmp_path / "b.txt")]
    assert ids == ["c", "a", "b"]


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    items = iter_documents([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert next(items).id == "a"
    # created after the first document was yielded: a lazy reader still sees it
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    assert isinstance(next(items), InputDocument)


# .jsonl


def test_jsonl_reads_all_fields(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            {
                "id": "doha-deal",
                "text": ARTICLE,
                "title": "Deal signed",
                "published": "2020-02-29",
                "outlet": "Sample Wire",
                "url": "https://example.org/doha",
                "extra": [1, 2],
            }
        ],
    )
    doc = only_doc(read_all(path))
    assert (doc.id, doc.text, doc.title, doc.published, doc.outlet, doc.url) == (
        "doha-deal",
        ARTICLE,
        "Deal signed",
        "2020-02-29",
        "Sample Wire",
        "https://example.org/doha",
    )
    assert doc.path == f"{path}:1"


def test_jsonl_datetime_keeps_the_date_part(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        [
            {"id": "a", "text": "x", "published": "2022-02-24T05:30:00+02:00"},
            {"id": "b", "text": "x", "published": "2022-02-24T03:30:00Z"},
        ],
    )
    assert [item.published for item in read_all(path)] == ["2022-02-24", "2022-02-24"]


def test_jsonl_bad_published_value_is_an_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": "x", "published": "last Tuesday"}])
    error = only_error(read_all(path))
    assert error.id == "a"
    assert "published" in error.error


def test_jsonl_skips_blank_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": "x"}, "", "   ", {"id": "b", "text": "y"}])
    items = read_all(path)
    assert [item.id for item in items] == ["a", "b"]
    assert all(isinstance(item, InputDocument) for item in items)
    assert items[1].path == f"{path}:4"


def test_jsonl_bad_lines_are_errors_and_reading_goes_on(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            {"id": "ok-1", "text": "first"},
            '{"id": "broken", "text": ',  # 2: broken JSON
            {"text": "no id"},  # 3
            {"id": "", "text": "empty id"},  # 4
            {"id": "no-text"},  # 5
            {"id": "empty-text", "text": "  \n"},  # 6
            {"id": 7, "text": "id is a number"},  # 7
            {"id": "text-list", "text": ["a", "b"]},  # 8
            {"id": "title-number", "text": "x", "title": 3},  # 9
            ["not", "an", "object"],  # 10
            {"id": "ok-2", "text": "last"},  # 11
        ],
    )
    items = read_all(path)
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["InputDocument", *["ReadError"] * 9, "InputDocument"]
    errors = [item for item in items if isinstance(item, ReadError)]
    assert [e.id for e in errors] == [
        "mixed.jsonl:2",
        "mixed.jsonl:3",
        "mixed.jsonl:4",
        "no-text",
        "empty-text",
        "mixed.jsonl:7",
        "text-list",
        "title-number",
        "mixed.jsonl:10",
    ]
    for error, lineno in zip(errors, (2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True):
        assert f"{path} line {lineno}:" in error.error
        assert error.path == f"{path}:{lineno}"
    problems = [e.error.split(": ", 1)[1] for e in errors]
    assert problems[0].startswith("invalid JSON")
    assert problems[1] == "missing 'id'"
    assert problems[2] == "empty 'id'"
    assert problems[3] == "missing 'text'"
    assert problems[4] == "empty document"
    assert problems[5] == "'id' must be a string, got int"
    assert problems[6] == "'text' must be a string, got list"
    assert problems[7] == "'title' must be a string, got int"
    assert problems[8] == "expected a JSON object, got list"
    assert items[-1].id == "ok-2"


def test_jsonl_invalid_utf8_line_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Kyiv \xff said"}\n{"id": "b", "text": "fine"}\n')
    first, second = read_all(path)
    assert isinstance(first, InputDocument) and isinstance(second, InputDocument)
    assert first.text == "Kyiv \ufffd said"
    assert first.warnings == ["invalid UTF-8 replaced at 1 places"]
    assert second.warnings == []


def test_jsonl_too_long_document_is_an_error(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        [{"id": "huge", "text": "a" * (MAX_DOCUMENT_CHARS + 1)}, {"id": "small", "text": "b"}],
    )
    error, doc = read_all(path)
    assert isinstance(error, ReadError) and error.id == "huge"
    assert f"{MAX_DOCUMENT_CHARS:,}" in error.error
    assert isinstance(doc, InputDocument) and doc.id == "small"


def test_binary_jsonl_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b'{"id": "a"\x00\x00\x00}\n')
    error = only_error(read_all(path))
    assert "binary file, not text" in error.error


# .html


def test_html_main_text_title_and_date_are_extracted(tmp_path: Path) -> None:
    path = tmp_path / "doha.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = only_doc(read_all(path, published="2000-01-01"))
    assert doc.id == "doha"
    assert "Taliban negotiators met in Doha" in doc.text
    assert "condition of anonymity" in doc.text
    assert "Example Footer Corp" not in doc.text
    assert "<p>" not in doc.text
    assert doc.title == "Talks resume in Doha"
    assert doc.published == "2020-03-01"  # the page's own date beats the default


def test_html_without_a_date_takes_the_default(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(
        HTML_PAGE.replace('<meta property="article:published_time" content="2020-03-01T10:00:00Z">', ""),
        encoding="utf-8",
    )
    assert only_doc(read_all(path, published="2020-03-02")).published == "2020-03-02"


def test_html_with_no_main_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    error = only_error(read_all(path))
    assert error.id == "blank"
    assert "no main text" in error.error


# --published


def test_published_default_fills_only_missing_dates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    write_jsonl(
        tmp_path / "b.jsonl",
        [{"id": "dated", "text": "x", "published": "2023-03-10"}, {"id": "undated", "text": "y"}],
    )
    dates = {item.id: item.published for item in read_all(tmp_path, published="2024-01-12")}
    assert dates == {"a": "2024-01-12", "dated": "2023-03-10", "undated": "2024-01-12"}


def test_without_published_undated_documents_have_none(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert only_doc(read_all(tmp_path)).published is None


@pytest.mark.parametrize(
    "bad", ["2024-13-01", "2024-02-30", "12/01/2024", "2024-1-5", "20240105", "yesterday", ""]
)
def test_bad_published_option_raises_before_reading(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        iter_documents([tmp_path / "does-not-matter.txt"], published=bad)


# the shipped sample corpus


def test_sample_corpus_reads_cleanly() -> None:
    sample = resources.files("actorgraph") / "data" / "sample" / "sample.jsonl"
    with resources.as_file(sample) as path:
        items = read_all(path)
    errors = [item for item in items if isinstance(item, ReadError)]
    assert errors == []
    assert len(items) >= 18
    ids = [item.id for item in items]
    assert len(set(ids)) == len(ids)
    for doc in items:
        assert isinstance(doc, InputDocument)
        assert doc.published is not None and len(doc.published) == 10, doc.id
        assert doc.title and doc.outlet, doc.id
        assert doc.warnings == [], doc.id
        assert 100 <= len(doc.text.split()) <= 260, (doc.id, len(doc.text.split()))
