"""The UI in a real browser: network, actor, dyad, document, contradictions, search, ingest, XSS.

Each test saves a screenshot of the page it checks under bench/screenshots/.
"""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import shot

XSS_TEXT = (
    "Iran accused Israel of attacking its embassy in Damascus <script>window.__xss = 1; alert(1)</script>, "
    'the foreign ministry said. <img src=x onerror="window.__xss = 2"> <b>Bold claims</b> '
    "Israel denied that it had attacked the embassy. "
    '<a href="javascript:window.__xss=3">click</a>'
)


def open_network(page: Any, url: str) -> None:
    page.goto(url + "/")
    page.wait_for_selector("#network[data-ready=true]", timeout=30_000)
    page.wait_for_timeout(300)  # let sigma draw the first frame


def click_node(page: Any, node: str) -> None:
    """Click actor `node` where sigma drew it on the WebGL canvas."""
    x, y = page.evaluate(
        """(node) => {
            const v = window.actorgraphView;
            const p = v.sigma.graphToViewport(v.graph.getNodeAttributes(node));
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node,
    )
    page.mouse.click(x, y)


def test_network_click_actor_then_open_dyad(page, demo_server):
    open_network(page, demo_server.url)
    status = page.text_content("#graph-status")
    assert "actors" in status and "ties" in status
    shot(page, "network", full_page=False)
    click_node(page, "iran")
    page.wait_for_selector("#panel h2 a")
    assert page.text_content("#panel h2") == "Iran"
    shot(page, "network_selected", full_page=False)
    dyad = page.locator("#panel a.dyad-link", has_text="United States")
    dyad.click()
    page.wait_for_url("**/dyad/iran/united-states")
    cards = page.locator("article.claim-card")
    assert cards.count() >= 1
    first = cards.first
    assert first.locator("mark.evidence").count() >= 1  # the evidence sentence, highlighted
    assert first.locator(".speaker").text_content().strip().startswith("Speaker")
    source = first.locator("a.doc-link")
    assert source.text_content().strip()
    assert page.locator(".chart svg rect.bar").count() >= 1
    shot(page, "dyad")
    source.click()
    page.wait_for_url("**/documents/**")
    assert page.locator(".doc-text mark.evidence").count() >= 1
    assert page.locator(".doc-text a.mention").count() >= 1
    shot(page, "document")
    assert page.problems == []


def test_filters_hide_ties(page, demo_server):
    open_network(page, demo_server.url)
    total = page.evaluate("window.actorgraphView.graph.size")
    for box in page.locator("input[name=classes]").all():
        if box.get_attribute("value") not in ("verbal_conflict", "material_conflict"):
            box.uncheck()
    page.wait_for_function("() => document.getElementById('graph-status').textContent.includes('shown')")
    shown = page.evaluate("window.actorgraphView.visible.size")
    assert 0 < shown < total
    page.fill("input[name=min_sources]", "2")
    page.dispatch_event("input[name=min_sources]", "change")
    page.wait_for_function(
        "(n) => window.actorgraphView.visible && window.actorgraphView.visible.size < n", arg=shown
    )
    end = page.locator("#end-slider")
    end.evaluate(
        "(s) => { s.value = String(Math.floor(Number(s.max) / 2)); s.dispatchEvent(new Event('input')); }"
    )
    page.wait_for_function("() => window.actorgraphView.form.elements.end.value !== ''")
    assert page.problems == []


def test_actor_page(page, demo_server):
    page.goto(demo_server.url + "/actors/iran")
    assert page.locator("h1").text_content().startswith("Iran")
    assert page.locator("table.ties tbody tr").count() >= 2
    assert page.locator(".mentions li").count() >= 1
    assert page.locator(".chart svg").count() == 1
    shot(page, "actor")
    assert page.problems == []


def test_search(page, demo_server):
    page.goto(demo_server.url + "/search")
    page.fill(".search-form input[name=q]", "sanctions")
    page.click(".search-form button")
    page.wait_for_url("**/search?q=sanctions")
    assert page.locator(".claims-results mark.hit").count() >= 1
    assert page.locator(".docs-results li a").count() >= 1
    shot(page, "search")
    assert page.problems == []


def ingest(page: Any, url: str, text: str, title: str) -> None:
    page.goto(url + "/ingest")
    page.fill("#ingest-text", text)
    page.fill("#ingest-title", title)
    page.fill("#ingest-published", "2024-04-02")
    page.fill("#ingest-outlet", "Test Wire")
    page.click("#ingest-form button[type=submit]")
    page.wait_for_function(
        "() => ['done', 'failed'].includes(document.getElementById('ingest-progress').dataset.state)",
        timeout=60_000,
    )


def test_ingest_a_pasted_article(page, demo_server):
    text = (
        "Finland and Sweden signed a defence cooperation agreement with Norway on Tuesday, "
        "the Finnish defence ministry said."
    )
    ingest(page, demo_server.url, text, "Nordic defence pact")
    assert page.locator("#ingest-progress").get_attribute("data-state") == "done"
    assert "1 added" in page.text_content("#ingest-message")
    shot(page, "ingest")
    page.click("#ingest-results a")
    page.wait_for_url("**/documents/pasted-*")
    assert page.locator("h1").text_content() == "Nordic defence pact"
    assert page.problems == []


def test_article_markup_never_executes(page, demo_server):
    ingest(page, demo_server.url, XSS_TEXT, "<script>window.__xss = 4</script><i>title</i>")
    assert page.locator("#ingest-progress").get_attribute("data-state") == "done"
    page.click("#ingest-results a")
    page.wait_for_url("**/documents/pasted-*")
    doc_url = page.url
    assert "<script>window.__xss = 1; alert(1)</script>" in page.text_content(".doc-text")  # shown as text
    assert page.text_content("h1") == "<script>window.__xss = 4</script><i>title</i>"
    assert page.locator(".doc-text script, .doc-text img, .doc-text b, h1 i").count() == 0
    shot(page, "xss_document")
    visited = [doc_url, demo_server.url + "/search?q=embassy", demo_server.url + "/actors/iran"]
    visited += [demo_server.url + "/dyad/iran/israel", demo_server.url + "/documents"]
    for url in visited:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, url
    open_network(page, demo_server.url)
    assert page.evaluate("window.__xss") is None
    page.goto(demo_server.url + "/contradictions")  # after the ingests, which may add some
    assert page.evaluate("window.__xss") is None
    shot(page, "contradictions")
    assert page.problems == []
