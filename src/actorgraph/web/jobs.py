"""Ingest from the web: documents are queued, extracted by one worker thread, and stored.

One worker, because the spaCy pipeline is loaded once and used by one thread at a time. Each
submission is a `Job` whose progress (`done` of `total`, a message) the ingest page polls.
A URL is fetched in the worker, with the guards of `fetch_url`.
"""

from __future__ import annotations

import ipaddress
import queue
import socket
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from actorgraph.ingest import InputDocument, ReadError
from actorgraph.store import Store

MAX_JOBS = 200
FETCH_TIMEOUT_S = 15


@dataclass
class Job:
    id: str
    state: str = "queued"  # queued | running | done | failed
    message: str = "Queued"
    total: int = 0
    done: int = 0
    documents: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    created: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FetchRefused(ValueError):
    """A URL the server will not fetch (scheme, address, size)."""


def _check_address(host: str, allow_private: bool) -> None:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as e:
        raise FetchRefused(f"cannot resolve {host!r}: {e}") from e
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not allow_private and (
            ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
        ):
            raise FetchRefused(f"{host} resolves to a non-public address ({ip}); refusing to fetch it")


def check_url(url: str, allow_private: bool = False) -> str:
    """`url` if it is http(s) with a host on a public address; raises `FetchRefused` otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("only http:// and https:// URLs can be fetched")
    _check_address(parts.hostname, allow_private)
    return url


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl, self.allow_private)  # a redirect must not lead inside the network
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, max_bytes: int, allow_private: bool = False) -> InputDocument:
    """Download a page and extract its main text (trafilatura), as an InputDocument."""
    import hashlib

    import trafilatura

    check_url(url, allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": "actorgraph"})
    with opener.open(request, timeout=FETCH_TIMEOUT_S) as response:  # noqa: S310 (scheme checked)
        body = response.read(max_bytes + 1)
        content_type = response.headers.get("content-type", "")
    if len(body) > max_bytes:
        raise FetchRefused(f"the page is larger than {max_bytes:,} bytes")
    raw = body.decode("utf-8", errors="replace")
    title = None
    if "html" in content_type or raw.lstrip().startswith("<"):
        text = trafilatura.extract(raw) or ""
        meta = trafilatura.extract_metadata(raw)
        title = meta.title if meta else None
    else:
        text = raw
    if not text.strip():
        raise FetchRefused("no article text found at that address")
    doc_id = "url-" + hashlib.sha256(url.encode()).hexdigest()[:12]
    return InputDocument(id=doc_id, text=text, title=title, url=url)


class IngestQueue:
    """Runs ingest jobs one after another in a background thread."""

    def __init__(
        self,
        store: Store,
        max_fetch_bytes: int = 5_000_000,
        allow_private_urls: bool = False,
        pipeline_factory: Callable[[], Any] | None = None,
    ):
        self.store = store
        self.max_fetch_bytes = max_fetch_bytes
        self.allow_private_urls = allow_private_urls
        self._pipeline_factory = pipeline_factory
        self._pipeline: Any = None
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[Job, list[InputDocument | ReadError | str]] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def submit(self, items: list[InputDocument | ReadError | str]) -> Job:
        """Queue documents (or URLs to fetch, as strings); returns the job to poll."""
        job = Job(id=uuid.uuid4().hex, total=len(items))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.popitem(last=False)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="actorgraph-ingest", daemon=True)
                self._thread.start()
        self._queue.put((job, items))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=5)

    def _pipeline_instance(self) -> Any:
        if self._pipeline is None:
            if self._pipeline_factory is not None:
                self._pipeline = self._pipeline_factory()
            else:
                from actorgraph.pipeline import Pipeline

                self._pipeline = Pipeline()
        return self._pipeline

    def _work(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            job, items = task
            try:
                self._run(job, items)
            except Exception as e:  # a job fails, the worker goes on
                job.state, job.message = "failed", f"Failed: {e}"

    def _run(self, job: Job, items: list[InputDocument | ReadError | str]) -> None:
        job.state = "running"
        fresh: list[InputDocument] = []
        for item in items:
            if isinstance(item, str):
                job.message = f"Fetching {item}"
                try:
                    item = fetch_url(item, self.max_fetch_bytes, self.allow_private_urls)
                except (OSError, ValueError) as e:
                    job.errors.append({"id": item, "error": str(e)})
                    job.done += 1
                    continue
            if isinstance(item, ReadError):
                job.errors.append({"id": item.id, "error": item.error})
                job.done += 1
            elif self.store.has_document(item.id, item.text):
                job.documents.append(
                    {"id": item.id, "title": item.title, "status": "already stored", "claims": 0}
                )
                job.done += 1
            else:
                fresh.append(item)
        if fresh:
            if self._pipeline is None:
                job.message = "Loading the language model…"
            pipeline = self._pipeline_instance()
            job.message = f"Extracting {job.done + 1} of {job.total}"
            for doc in pipeline.process(fresh):
                if "error" in doc:
                    job.errors.append({"id": str(doc.get("id")), "error": str(doc["error"])})
                else:
                    try:
                        added = self.store.add_document(doc)  # type: ignore[arg-type]
                    except ValueError as e:
                        job.errors.append({"id": str(doc.get("id")), "error": str(e)})
                    else:
                        job.documents.append(
                            {
                                "id": doc["id"],
                                "title": doc.get("title"),
                                "status": "added" if added else "already stored",
                                "claims": len(doc.get("claims", [])),
                            }
                        )
                job.done += 1
                job.message = f"Extracted {job.done} of {job.total}"
        added = sum(d["status"] == "added" for d in job.documents)
        job.state = "failed" if job.errors and not job.documents else "done"
        job.message = (
            f"Done: {added} added, {len(job.documents) - added} already stored, {len(job.errors)} failed"
        )
