"""Coverage-guided fuzzing (atheris) of the readers and the extractor, for long runs.

Each input is a file's bytes; its first byte picks the suffix (.txt, .jsonl, .html). The
target reads it with `iter_documents`, checks what the reader promises (one result per
document, printable ids, text within the limit and encodable), then runs every document read
through the pipeline and checks the contract (`check_document(doc) == []`; an error line is
allowed, an exception out of `Pipeline.process` is not). Failures are recorded, deduplicated,
and the run goes on, so one run reports every distinct failure it meets.

atheris is not a dependency of actorgraph: install it into the venv for this bench only:

    .venv/bin/pip install --only-binary=:all: atheris==3.0.0
    .venv/bin/python bench/fuzz_ingest.py -max_total_time=300          # 5 minutes
    .venv/bin/python bench/fuzz_ingest.py -runs=1000 -max_len=2048      # other libFuzzer flags pass through

Results go to bench/results/fuzz_ingest.json (executions, rate, distinct failures with a
reproducing input, hex).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["actorgraph.ingest", "actorgraph.contract"]):
    from actorgraph.contract import check_document
    from actorgraph.ingest import MAX_DOCUMENT_CHARS, InputDocument, ReadError, iter_documents

RESULTS = Path(__file__).parent / "results" / "fuzz_ingest.json"
SUFFIXES = (".txt", ".jsonl", ".html")
MAX_PIPELINE_CHARS = 2_000  # keep each execution short: spaCy is the slow part
WORK = Path(tempfile.mkdtemp(prefix="actorgraph-fuzz-"))
DICTIONARY = [
    "Iran", "Russia", "the Taliban", "U.S.-led", "the Kremlin", "Hamas", "Israel", "NATO", "Reuters",
    " said", " told", " denied", " accused", " attacked", " met", " signed", " supplied", " with ",
    "according to", "reportedly", "has been accused of", " talks", " an ally of", " on Monday",
    " in October 2022", " in Doha", " not ", " would ", '"', "\u201c", "\u201d", ". ", ", ", "\n", "\n\n",
    "Brig. Gen.", "Mr.", "he", "its", '{"id": "', '", "text": "', '", "published": "2022-10-20"', '"}',
    "<p>", "</p>", "<article>", "<title>", "</title>", "<html><body>", "\\ud800", "\\u0000",
]  # fmt: skip

_state: dict = {"executions": 0, "documents": 0, "error_lines": 0, "failures": {}, "started": time.time()}
_last_save = [0.0]
_pipeline = []


def _pipeline_instance():
    if not _pipeline:
        from actorgraph.pipeline import Pipeline

        _pipeline.append(Pipeline(batch_size=8))
    return _pipeline[0]


def _record(kind: str, detail: str, data: bytes) -> None:
    key = f"{kind}: {detail.splitlines()[0][:160] if detail else ''}"
    entry = _state["failures"].setdefault(
        key, {"count": 0, "input_hex": data[:4096].hex(), "detail": detail[-2000:]}
    )
    entry["count"] += 1


def _save(force: bool = False) -> None:
    now = time.time()
    if not force and now - _last_save[0] < 2:
        return
    _last_save[0] = now
    elapsed = now - _state["started"]
    report = {
        "target": "bench/fuzz_ingest.py (iter_documents + Pipeline.process + check_document)",
        "executions": _state["executions"],
        "seconds": round(elapsed, 1),
        "executions_per_second": round(_state["executions"] / elapsed, 1) if elapsed else 0,
        "documents_extracted": _state["documents"],
        "error_lines": _state["error_lines"],
        "distinct_failures": len(_state["failures"]),
        "failures": _state["failures"],
        "argv": sys.argv[1:],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def test_one_input(data: bytes) -> None:
    _state["executions"] += 1
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".txt"
    path = WORK / f"input{suffix}"
    path.write_bytes(data[1:])
    try:
        items = list(iter_documents([path]))
    except Exception:  # the readers must never raise
        _record("reader raised", traceback.format_exc(), data)
        _save()
        return
    docs = []
    for item in items:
        if not isinstance(item, InputDocument | ReadError):
            _record("reader yielded", repr(type(item)), data)
            continue
        try:
            item.id.encode("utf-8")
            if isinstance(item, InputDocument):
                item.text.encode("utf-8")
                if not item.text.strip() or len(item.text) > MAX_DOCUMENT_CHARS:
                    _record("reader let through", f"text of {len(item.text)} characters", data)
                elif len(item.text) <= MAX_PIPELINE_CHARS:
                    docs.append(item)
        except UnicodeEncodeError as e:
            _record("reader let through unencodable text", str(e), data)
    if docs:
        try:
            for doc in _pipeline_instance().process(docs):
                if "error" in doc:
                    _state["error_lines"] += 1
                    _record("pipeline error line", doc["error"], data)
                    continue
                _state["documents"] += 1
                problems = check_document(doc)
                if problems:
                    _record("contract broken", "; ".join(problems[:3]), data)
        except Exception:
            _record("pipeline raised", traceback.format_exc(), data)
    _save()


def _dict_escape(word: str) -> str:
    """A libFuzzer dictionary entry: printable ASCII as is, every other byte as \\xNN."""
    return "".join(
        chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in word.encode("utf-8")
    )


def main() -> None:
    seeds = Path(__file__).parent.parent / "tests" / "fixtures" / "hostile"
    corpus = WORK / "corpus"
    corpus.mkdir()
    for i, f in enumerate(sorted(seeds.iterdir())):  # the hostile corpus as seeds
        if f.is_file() and f.stat().st_size < 64_000:
            prefix = bytes([SUFFIXES.index(f.suffix) if f.suffix in SUFFIXES else 0])
            (corpus / f"seed{i}").write_bytes(prefix + f.read_bytes())
    argv = [sys.argv[0], *sys.argv[1:], str(corpus)]
    if not any(a.startswith("-max_len") for a in argv):
        argv.insert(1, "-max_len=4096")
    if not any(a.startswith("-dict") for a in argv):  # news words and JSON pieces steer the mutations
        words = WORK / "news.dict"
        words.write_text("".join(f'"{_dict_escape(w)}"\n' for w in DICTIONARY), encoding="ascii")
        argv.insert(1, f"-dict={words}")
    import atexit

    atexit.register(_save, True)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
