"""`actorgraph extract`: formats, inputs, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.contract import check_document

runner = CliRunner()

MEETING = "Iran met with the Taliban in Doha on Sunday."
ATTACK = "Russia attacked Ukraine overnight."
DENIAL = "Pakistan denied reports that Iran met the Taliban."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    (d / "sub").mkdir(parents=True)
    (d / "b-meeting.txt").write_text(MEETING, encoding="utf-8")
    (d / "a-attack.txt").write_text(ATTACK, encoding="utf-8")
    (d / "sub" / "c-denial.txt").write_text(DENIAL, encoding="utf-8")
    (d / "notes.md").write_text("ignored", encoding="utf-8")
    return d


def run(*args: str):
    return runner.invoke(app, ["extract", *map(str, args)])


def lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_jsonl_one_document_per_line_with_file_stem_id(corpus):
    result = run(corpus / "b-meeting.txt", "--published", "2021-10-25", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [doc] = lines(result.stdout)
    assert doc["id"] == "b-meeting"
    assert doc["text"] == MEETING
    assert doc["published"] == "2021-10-25"
    assert check_document(doc) == []
    [c] = doc["claims"]
    assert (c["relation"], c["subject"], c["object"]) == ("CONSULT", "iran", "taliban")
    assert c["time"] == {"text": "Sunday", "start": "2021-10-24", "end": "2021-10-24"}


def test_jsonl_is_the_default_format(corpus):
    result = run(corpus / "a-attack.txt")
    assert result.exit_code == 0
    [doc] = lines(result.stdout)
    assert doc["id"] == "a-attack"
    assert doc["published"] is None


def test_several_files_keep_argument_order(corpus):
    result = run(corpus / "b-meeting.txt", corpus / "a-attack.txt")
    assert [d["id"] for d in lines(result.stdout)] == ["b-meeting", "a-attack"]


def test_json_gives_a_list(corpus):
    result = run(corpus / "a-attack.txt", corpus / "b-meeting.txt", "--format", "json")
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert isinstance(docs, list)
    assert [d["id"] for d in docs] == ["a-attack", "b-meeting"]
    assert all(check_document(d) == [] for d in docs)


def test_directory_in_sorted_order(corpus):
    result = run(corpus, "--published", "2021-10-25")
    assert result.exit_code == 0
    docs = lines(result.stdout)
    assert [d["id"] for d in docs] == ["a-attack", "b-meeting", "c-denial"]
    assert [d["text"] for d in docs] == [ATTACK, MEETING, DENIAL]


def test_table_lists_claims_readably(corpus):
    result = run(corpus / "sub" / "c-denial.txt", "--published", "2021-10-25", "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert "c-denial" in out
    assert "2021-10-25" in out
    assert "1 claims" in out
    for column in ("subject", "relation", "object", "status", "source", "evidence"):
        assert column in out
    row = next(line for line in out.splitlines() if "CONSULT" in line)
    assert row.index("Iran") < row.index("CONSULT") < row.index("Taliban")
    assert "negated" in row
    assert "reported" in out  # the status column may wrap onto the next line
    assert "Pakistan" in row
    assert not out.lstrip().startswith("{")


def test_output_option_writes_a_file(corpus, tmp_path):
    target = tmp_path / "out.jsonl"
    result = run(corpus / "a-attack.txt", "--output", target)
    assert result.exit_code == 0
    assert [d["id"] for d in lines(target.read_text(encoding="utf-8"))] == ["a-attack"]


def test_bad_files_give_error_lines_and_the_rest_still_come_out(corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary\x00")
    result = run(corpus / "empty.txt", corpus / "a-attack.txt", corpus / "binary.txt", corpus / "missing.txt")
    assert result.exit_code == 0
    docs = lines(result.stdout)
    assert [d["id"] for d in docs] == ["empty", "a-attack", "binary", "missing"]
    for bad in (docs[0], docs[2], docs[3]):
        assert set(bad) == {"id", "error"}
        assert bad["error"]
    assert "error" not in docs[1]
    assert docs[1]["claims"][0]["relation"] == "ASSAULT"
    assert "empty" in result.stderr


def test_all_inputs_bad_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run(tmp_path / "empty.txt", tmp_path / "nowhere.txt")
    assert result.exit_code == 1
    assert [d["id"] for d in lines(result.stdout)] == ["empty", "nowhere"]
    assert "no document could be read" in result.stderr


@pytest.mark.parametrize("value", ["2021-13-45", "yesterday", "25/10/2021"])
def test_bad_published_is_a_usage_error(corpus, value):
    result = run(corpus / "a-attack.txt", "--published", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "published" in result.stderr


def test_bad_format_is_a_usage_error(corpus):
    result = run(corpus / "a-attack.txt", "--format", "xml")
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["extract", "ingest", "events", "search", "export", "dyad", "check"])
def test_help_rewraps_paragraphs_and_keeps_example_lines_whole(command):
    """A docstring's line breaks are the source's, not the terminal's: paragraphs fill the
    terminal's lines, and each example command stays on one line to copy."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    description = result.stdout.split("\n\n", 1)[1].split("\nArguments:")[0].split("\nOptions:")[0]
    command_doc = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == command)
    examples = [
        s
        for line in command_doc.callback.__doc__.splitlines()
        if (s := line.strip()).startswith("actorgraph ")
    ]
    assert examples
    for paragraph in description.split("\n\n"):
        lines = [line.strip() for line in paragraph.strip().splitlines()]
        if lines[0] in examples:
            assert lines == [e for e in examples if e in lines]
        else:  # every line of a paragraph but its last is filled
            assert all(len(line) > 50 for line in lines[:-1]), lines
