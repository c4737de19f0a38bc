"""The network view stays interactive at 5,000 actors and 20,000 ties.

A synthetic store (bench/web_synthetic.py) is served; the page lays the graph out, then the
camera is animated programmatically for three seconds while requestAnimationFrame timestamps
are recorded. The figures are printed and written to bench/results/web_frame_time.json.
"""

from __future__ import annotations

import json
import os
import platform
import time

from tests.browser.conftest import RESULTS, LiveServer, shot

ACTORS, TIES = 5000, 20000
# WebGL runs on the CPU here (SwiftShader, no GPU) on a 2-core machine shared with other work:
# the bound is generous (2 frames a second) so the test catches a view that freezes, not a slow CPU.
MAX_MEDIAN_MS = 500


def test_frame_time_on_a_large_graph(browser, page, tmp_path_factory):
    from web_synthetic import make_synthetic_store

    from actorgraph.web import create_app

    db = make_synthetic_store(tmp_path_factory.mktemp("big") / "big.db", ACTORS, TIES)
    with LiveServer(create_app(db, token=None)) as server:
        started = time.monotonic()
        page.goto(server.url + "/")
        page.wait_for_selector("#network[data-ready=true]", timeout=60_000)
        load_s = time.monotonic() - started
        counts = page.evaluate("() => [window.actorgraphView.graph.order, window.actorgraphView.graph.size]")
        assert counts == [ACTORS, TIES]
        page.wait_for_timeout(300)
        stats = page.evaluate("() => window.actorgraphView.measureFrames(3000)")
        shot(page, "network_5k", full_page=False)
    renderer = page.evaluate(
        """() => {
            const gl = document.createElement('canvas').getContext('webgl');
            const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
            return ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : (gl ? 'webgl' : 'none');
        }"""
    )
    result = {
        "actors": ACTORS,
        "ties": TIES,
        "load_and_layout_s": round(load_s, 2),
        "animation_ms": 3000,
        **{k: round(v, 2) if isinstance(v, float) else v for k, v in stats.items()},
        "fps_median": round(1000 / stats["median_ms"], 1),
        "renderer": renderer,
        "browser": browser.version,
        "machine": f"{platform.machine()}, {platform.system()}, {os.cpu_count()} cores",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "settings": "above 5,000 ties: point nodes, 1-px edges, edges and labels hidden while the camera moves",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "web_frame_time.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nnetwork view, {ACTORS} actors / {TIES} ties: {json.dumps(result)}")
    assert stats["frames"] >= 5
    assert stats["median_ms"] < MAX_MEDIAN_MS, result
    assert page.problems == []
