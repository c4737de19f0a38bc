"""Engines that run the Pipeline over a stream of documents: in this process, on local worker
processes, or on a Ray cluster.

Every engine takes an iterable of `InputDocument | ReadError` and yields one contract Document
(or `{"id", "error"}`) per item. They never hold the corpus: at most a few batches per worker
are in flight, so memory stays flat however long the stream is. Each worker loads the model
once and keeps it for the whole run.

    LocalEngine(workers=1)   the Pipeline in this process (no start-up cost, input order kept)
    LocalEngine(workers=N)   N spawned processes, one Pipeline each (input order kept)
    RayEngine(workers=N)     Ray Data `map_batches` over an actor pool of N Pipelines (any order)
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from actorgraph.ingest.readers import InputDocument, ReadError

if TYPE_CHECKING:
    from actorgraph.pipeline import Pipeline

__all__ = ["Engine", "LocalEngine", "RayEngine", "default_workers"]

Item = InputDocument | ReadError
Result = dict[str, Any]  # a contract Document, or {"id", "error"}

IN_FLIGHT_PER_WORKER = 2
"""Chunks queued per worker: enough that no worker waits, few enough that memory stays flat."""


def default_workers() -> int:
    """The CPUs this process may use (respecting affinity and cgroup CPU sets where Python sees them)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Engine(Protocol):
    """What `actorgraph ingest` needs from an engine."""

    workers: int

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """One result per item; the stream is consumed lazily."""
        ...


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# -- local worker processes ------------------------------------------------------------------

_worker_pipeline: Pipeline | None = None


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent died (SIGKILL) exits too, instead of holding a model forever."""
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _init_worker(batch_size: int, parent: int) -> None:
    global _worker_pipeline
    from actorgraph.pipeline import Pipeline

    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _worker_pipeline = Pipeline(batch_size=batch_size)


def _work(chunk: list[Item]) -> list[Result]:
    assert _worker_pipeline is not None, "worker not initialised"
    return list(_worker_pipeline.process(chunk))  # type: ignore[arg-type]


class LocalEngine:
    """The Pipeline on this machine: in-process for one worker, else on spawned worker processes.

    Workers are spawned, not forked: the parent may already run threads (the progress bar, the
    store's pool) and forking those is unsafe. The parent never loads the model itself when it
    has workers, so the memory used is one model per worker.
    """

    def __init__(self, workers: int | None = None, batch_size: int = 32) -> None:
        self.workers = max(1, workers or default_workers())
        self.batch_size = batch_size

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """Results in input order, parsed `batch_size` documents at a time per worker."""
        if self.workers == 1:
            from actorgraph.pipeline import Pipeline

            pipeline = Pipeline()
            pipeline.batch_size = self.batch_size
            yield from pipeline.process(items)  # type: ignore[misc]
            return
        import multiprocessing

        pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.batch_size, os.getpid()),
        )
        pending: deque[Future[list[Result]]] = deque()
        try:
            for chunk in _chunks(items, self.batch_size):
                pending.append(pool.submit(_work, chunk))
                while len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


# -- Ray -------------------------------------------------------------------------------------


class _Annotator:
    """A Ray Data actor: the Pipeline loaded once, applied to chunks of JSON-encoded documents.

    A row is a whole chunk (a JSON list), so a block leaves the feed as soon as it is read.
    """

    def __init__(self, batch_size: int) -> None:
        from actorgraph.pipeline import Pipeline

        self.pipeline = Pipeline(batch_size=batch_size)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        out = []
        for chunk in batch["chunk"]:
            items = [InputDocument(**d) for d in json.loads(chunk)]
            out.append(json.dumps(list(self.pipeline.process(items)), ensure_ascii=False))  # type: ignore[arg-type]
        return {"docs": np.array(out, dtype=object)}


def _feed_datasource(queue: Any) -> Any:
    """A Ray Data source that reads JSON-encoded documents from a Ray queue until a None.

    This lets the driver stream its input (local files, skipped already-stored documents)
    into one dataset, so the actor pool and its models live for the whole run.
    """
    import pyarrow as pa
    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class FeedDatasource(Datasource):
        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                           data_context: Any = None) -> list[ReadTask]:  # fmt: skip
            def read() -> Iterator[pa.Table]:
                while (chunk := queue.get()) is not None:
                    yield pa.table({"chunk": pa.array([chunk], pa.large_string())})

            meta = BlockMetadata(num_rows=None, size_bytes=None, input_files=None, exec_stats=None)
            return [ReadTask(read, meta)]

    return FeedDatasource()


class RayEngine:
    """Ray Data `map_batches` over an actor pool of `workers` Pipelines, fed from this process.

    The driver reads the input and skips stored documents (so the store may be a local SQLite
    file); documents travel to the cluster through a bounded Ray queue and results come back to
    the driver, which writes them. Results arrive in completion order, not input order.
    """

    def __init__(
        self,
        workers: int | None = None,
        batch_size: int = 32,
        address: str | None = None,
    ) -> None:
        self.requested = workers
        self.workers = max(1, workers or default_workers())  # a cluster's CPUs once joined
        self.batch_size = batch_size
        self.address = address

    def _init_ray(self) -> None:
        """Join the cluster at `address`, else start a local instance of `workers` CPUs."""
        import ray

        if not ray.is_initialized():
            # the workers import actorgraph: a cluster has it installed, a local instance inherits it
            kwargs: dict[str, Any] = {
                "log_to_driver": False,
                "include_dashboard": False,
                "logging_level": logging.WARNING,
            }
            if self.address:
                ray.init(address=self.address, **kwargs)
            else:
                ray.init(num_cpus=self.workers, **kwargs)
        if self.requested is None:
            self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """One result per item; read errors come back at once, parsed documents as they finish."""
        import ray
        from ray.util.queue import Queue

        self._init_ray()
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        limit = self.workers * IN_FLIGHT_PER_WORKER
        queue = Queue(maxsize=limit, actor_options={"num_cpus": 0})
        errors: deque[Result] = deque()
        flow = threading.Condition()
        counts = {"sent": 0, "done": 0}  # documents sent to the cluster, and returned
        failure: list[BaseException] = []
        stop = threading.Event()

        def feed() -> None:
            try:
                for chunk in _chunks(items, self.batch_size):
                    encoded = []
                    for item in chunk:
                        if isinstance(item, ReadError):
                            errors.append({"id": item.id, "error": item.error})
                        else:
                            encoded.append(asdict(item))
                    if not encoded:
                        continue
                    with flow:
                        while counts["sent"] - counts["done"] >= limit * self.batch_size:
                            if stop.is_set():
                                return
                            flow.wait(timeout=0.5)
                        counts["sent"] += len(encoded)
                    queue.put(json.dumps(encoded, ensure_ascii=False))
            except BaseException as e:  # reported by the consumer
                failure.append(e)
            finally:
                if not stop.is_set():
                    queue.put(None)

        # one chunk per block: the feed's blocks must not wait to fill the default 128 MiB
        block_size, ctx.target_max_block_size = ctx.target_max_block_size, 1
        ds = ray.data.read_datasource(_feed_datasource(queue), num_cpus=0, override_num_blocks=1)
        ds = ds.map_batches(
            _Annotator,
            fn_constructor_kwargs={"batch_size": self.batch_size},
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=self.workers),
            num_cpus=1,
        )
        feeder = threading.Thread(target=feed, name="actorgraph-ray-feed", daemon=True)
        feeder.start()
        try:
            for batch in ds.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=0):
                while errors:
                    yield errors.popleft()
                results = [d for chunk in batch["docs"] for d in json.loads(chunk)]
                with flow:
                    counts["done"] += len(results)
                    flow.notify()
                yield from results
            feeder.join()
            while errors:
                yield errors.popleft()
            if failure:
                raise failure[0]
        finally:
            stop.set()
            ctx.target_max_block_size = block_size
            ray.kill(queue.actor)
