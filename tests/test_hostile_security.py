"""Security: injection in every text parameter of the query CLI and the HTTP API, path
traversal in uploads and static files, and no secret in what the commands print.

Parameters are discovered, not listed: every GET operation of /openapi.json and every text
argument of the query commands, so endpoints and commands added later are covered too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import typer
from click.testing import CliRunner as ClickRunner
from typer.testing import CliRunner

from actorgraph.cli import app as cli_app

# No payload holds an actor's name: names match ignoring case and punctuation ("iran' --" is Iran).
PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "nobody' --",
    "nobody'; DROP TABLE claims; --",
    "1 UNION SELECT id, text, 1, 1 FROM documents --",
    "%' OR '%'='",
    "') OR ('1'='1",
    "*",
    "%",
    "_",
    "\\",
    "'",
    "NEAR(nobody someone)",
    '"unterminated',
    "nobody\x00someone",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "x" * 2000,
]
# The CLI starts a store per call: a shorter list, one of each kind.
CLI_PAYLOADS = [
    "' OR '1'='1",
    "nobody'; DROP TABLE claims; --",
    "1 UNION SELECT id, text, 1, 1 FROM documents --",
    "%",
    '"unterminated',
    "\\",
    "nobody\x00someone",
]
NOTHING = "zzqx-nothing-matches"
# Text arguments of the query commands that name things; other options are checked by type.
CLI_TEXT_PARAMS = {"a", "b", "actor", "relation", "query", "since", "until", "kind", "family"}
CLI_QUERY_MODULES = ("actorgraph.cli.query_cmd", "actorgraph.cli.graph_cmd")
CLI_SKIP_COMMANDS = {"watch", "export"}  # watch fetches feeds; export writes files


def _rows(value: Any) -> int:
    """Rows in a JSON answer: the items of every list in it, recursively."""
    if isinstance(value, list):
        return len(value) + sum(_rows(v) for v in value)
    if isinstance(value, dict):
        return sum(_rows(v) for v in value.values())
    return 0


# -- HTTP API --------------------------------------------------------------------------------------


@pytest.fixture
def client(filled_store, db_path: Path):
    from fastapi.testclient import TestClient

    from actorgraph.web.app import create_app

    web = create_app(db_path, store=filled_store)
    with TestClient(web, raise_server_exceptions=False) as c:
        yield c


def _get_operations(client) -> list[tuple[str, list[dict]]]:
    spec = client.get("/openapi.json").json()
    ops = []
    for path, methods in spec["paths"].items():
        if "get" in methods and not path.startswith("/static"):
            ops.append((path, methods["get"].get("parameters", [])))
    return ops


def _is_text(param: dict) -> bool:
    schema = param.get("schema", {})
    types = {schema.get("type")} | {s.get("type") for s in schema.get("anyOf", [])}
    return "string" in types and "pattern" not in schema and "format" not in schema


def _request(client, path: str, params: list[dict], target: str, value: str):
    url, query = path, {}
    for p in params:
        if p["name"] == target:
            v = value
        elif p.get("required"):
            v = "iran"
        else:
            continue
        if p["in"] == "path":
            url = url.replace("{" + p["name"] + "}", quote(v, safe=""))
        else:
            query[p["name"]] = v
    return client.get(url, params=query)


def test_injection_in_every_text_parameter_of_the_api_gives_no_500_and_no_extra_rows(client) -> None:
    counts_before = client.get("/api/counts").json()
    tried = 0
    for path, params in _get_operations(client):
        for param in [p for p in params if _is_text(p)]:
            baseline = _request(client, path, params, param["name"], NOTHING)
            assert baseline.status_code < 500, (path, param["name"], baseline.text[:300])
            for payload in PAYLOADS:
                r = _request(client, path, params, param["name"], payload)
                tried += 1
                where = f"{path} {param['name']}={payload[:40]!r}"
                assert r.status_code < 500, (where, r.text[:300])
                if (
                    r.status_code == 200
                    and baseline.status_code == 200
                    and "json" in r.headers["content-type"]
                ):
                    if "search" not in path:  # full-text search may match a payload's words
                        assert _rows(r.json()) <= _rows(baseline.json()), where
                elif r.status_code == 200 and baseline.status_code in (404, 409, 422):
                    pytest.fail(f"{where} found something where nothing matches: {r.text[:200]}")
    assert tried > 50, "the API should have text parameters to try"
    assert client.get("/api/counts").json() == counts_before


def test_static_files_refuse_path_traversal(client) -> None:
    for raw in (
        "/static/..%2f..%2fstore%2fstore.py",
        "/static/%2e%2e/%2e%2e/pipeline.py",
        "/static/../app.py",
    ):
        r = client.get(raw)
        assert r.status_code in (400, 404), raw
        assert "import" not in r.text


UPLOAD_NAMES = [
    "../../../../tmp/ag-evil.txt",
    "..\\..\\evil.txt",
    "/etc/cron.d/evil.txt",
    "..",
    ".txt",
    "a\x00.txt",
]


def test_upload_names_cannot_escape(client, monkeypatch: pytest.MonkeyPatch) -> None:
    web = client.app.state.web
    if not hasattr(web, "jobs"):
        pytest.skip("no upload endpoint")
    submitted: list[list[Any]] = []

    class Job:
        id = "j1"

    monkeypatch.setattr(web.jobs, "submit", lambda items: submitted.append(items) or Job())
    headers = {"Authorization": f"Bearer {client.app.state.token}"}
    body = b"Iran and Iraq held talks in Baghdad on Sunday, officials said."
    for name in UPLOAD_NAMES:
        r = client.post("/api/ingest/file", params={"filename": name}, content=body, headers=headers)
        assert r.status_code in (200, 202, 422), (name, r.status_code, r.text)
    assert not Path("/tmp/ag-evil.txt").exists()
    for items in submitted:
        for item in items:
            assert ".." not in item.id and "/" not in item.id and "\\" not in item.id
    r = client.post("/api/ingest/file", params={"filename": "ok.txt"}, content=body)
    assert r.status_code == 401, "writes need the token"


@pytest.mark.parametrize(
    "url",
    ["/api/claims?end=2941-15-29", "/api/graph?end=0000-00", "/api/export/graph.gexf?end=0000-00"],
)
def test_impossible_dates_are_a_422_not_a_500(client, url: str) -> None:
    """Found by schemathesis against /openapi.json: dates that match the pattern but do not exist."""
    assert client.get(url).status_code == 422


# -- query CLI ----------------------------------------------------------------------------------


def _query_commands() -> list[tuple[str, list[str], list[str]]]:
    """(command, its text arguments, its text options) for every read-only query command."""
    group = typer.main.get_command(cli_app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if (
            command.callback is None
            or command.callback.__module__ not in CLI_QUERY_MODULES
            or name in CLI_SKIP_COMMANDS
        ):
            continue
        args = [p.name for p in command.params if p.param_type_name == "argument"]
        opts = [
            p.opts[0] for p in command.params if p.param_type_name == "option" and p.name in CLI_TEXT_PARAMS
        ]
        found.append((name, args, opts))
    return found


def _format_option(name: str) -> list[str]:
    group = typer.main.get_command(cli_app)
    params = {p.name for p in group.commands[name].params}  # type: ignore[attr-defined]
    return ["--format", "json"] if "format" in params else []


def test_injection_in_every_text_argument_of_the_query_cli(filled_store, db_path: Path) -> None:
    runner = ClickRunner()
    group = typer.main.get_command(cli_app)  # built once: typer rebuilds it on every invoke
    commands = _query_commands()
    assert {"dyad", "actor"} <= {c for c, _, _ in commands}
    before = filled_store.counts()
    tried = 0
    for name, args, opts in commands:
        slots = [("arg", i) for i in range(len(args))] + [("opt", o) for o in opts]
        for slot in slots:
            for payload in [NOTHING, *CLI_PAYLOADS]:
                argv = [name]
                for i, _arg in enumerate(args):
                    argv.append(payload if slot == ("arg", i) else "iran")
                if slot[0] == "opt":
                    argv += [slot[1], payload]
                argv += ["--db", str(db_path), *_format_option(name)]
                result = runner.invoke(group, argv)
                tried += 1
                where = f"{' '.join(argv)[:120]!r}"
                assert result.exit_code in (0, 1, 2), (where, result.output[-500:])
                assert result.exception is None or isinstance(result.exception, SystemExit), (
                    where,
                    repr(result.exception),
                )
                assert "Traceback" not in result.output, where
                if (
                    result.exit_code == 0
                    and payload != NOTHING
                    and name != "search"
                    and result.stdout.strip()
                ):
                    try:
                        rows = _rows(json.loads(result.stdout))
                    except json.JSONDecodeError:
                        continue
                    assert rows == 0 or slot == ("opt", "--since"), (where, result.stdout[:300])
    assert tried > 40
    assert filled_store.counts() == before


# -- secrets -------------------------------------------------------------------------------------


def test_check_and_backup_never_print_a_database_password(tmp_path: Path) -> None:
    runner = CliRunner()
    url = "postgresql://analyst:s3cr3t-pw@127.0.0.1:1/nowhere"
    for argv in (["check", "--db", url], ["backup", str(tmp_path / "b.db"), "--db", url]):
        result = runner.invoke(cli_app, argv)
        assert result.exit_code == 2, result.output
        assert "s3cr3t-pw" not in result.output, result.output
