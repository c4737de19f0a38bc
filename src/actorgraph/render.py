"""Writing contract documents for people and programs: jsonl, json, or a readable table."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

# Tables written to a pipe or file get this width (a terminal keeps its own).
PIPE_WIDTH = 160


def table_console(file: IO[str] | None = None) -> Console:
    """A console for tables: the terminal's width, or PIPE_WIDTH when output is redirected."""
    console = Console(file=file, soft_wrap=False)
    if not console.is_terminal:
        console = Console(file=file, soft_wrap=False, width=PIPE_WIDTH)
    return console


def write_documents(
    docs: Iterable[dict], out: IO[str], fmt: str, *, on_error: Callable[[dict], None] | None = None
) -> tuple[int, int]:
    """Write each document as it comes (json collects them); returns (read, failed)."""
    read = failed = 0
    collected: list[dict] = []
    console = table_console(out) if fmt == "table" else None
    for doc in docs:
        if "error" in doc:
            failed += 1
            if on_error:
                on_error(doc)
        else:
            read += 1
        if fmt == "jsonl":
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            out.flush()
        elif fmt == "json":
            collected.append(doc)
        elif console is not None:
            print_table(doc, console)
    if fmt == "json":
        json.dump(collected, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return read, failed


def print_table(doc: dict, console: Console) -> None:
    """A person's summary of one document: its claims with who said them, and contradictions."""
    if "error" in doc:
        console.print(f"[bold]{escape(doc['id'])}[/bold]: [red]{escape(doc['error'])}[/red]")
        return
    names = {a["id"]: a["name"] for a in doc["actors"]}
    attributions = {a["id"]: a for a in doc["attributions"]}
    head = f"[bold]{escape(doc['id'])}[/bold]" + (f" — {escape(doc['title'])}" if doc.get("title") else "")
    head += (
        f"  ({doc.get('published') or 'no date'}; {len(doc['actors'])} actors, {len(doc['claims'])} claims)"
    )
    console.print(head)
    for w in doc.get("warnings") or []:
        console.print(f"  [yellow]warning:[/yellow] {escape(w)}")
    table = Table(show_lines=False, expand=True)
    for col in ("id", "subject", "relation", "object", "status", "source", "when", "evidence"):
        table.add_column(
            col, overflow="fold", ratio=6 if col == "evidence" else 1, min_width=4 if col == "id" else 8
        )
    for c in doc["claims"]:
        a = attributions.get(c["attribution"] or "")
        source = ""
        if a:
            who = names.get(a["speaker"]) or (a["source"] or {}).get("text") or "unnamed"
            source = who + (" (anonymous)" if a["anonymous"] else "")
            if a["channel"]:
                source += f" via {names.get(a['channel'], a['channel'])}"
        status = c["polarity"] + ("" if c["modality"] == "asserted" else f", {c['modality']}")
        when = (c["time"] or {}).get("start") or ""
        row = [c["id"], names.get(c["subject"], c["subject"]), c["relation"], names.get(c["object"], c["object"] or "—"),
               status, source, when, c["evidence"]["text"]]  # fmt: skip
        table.add_row(*(escape(str(x)) for x in row))
    console.print(table)
    for x in doc["contradictions"]:
        console.print(f"  [red]contradiction ({x['kind']}):[/red] {x['claims'][0]} vs {x['claims'][1]}")
