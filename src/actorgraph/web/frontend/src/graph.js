// The network view: actors as nodes, ties as edges, drawn with WebGL by sigma.js.
//
// Data comes from /api/graph as JSON; every string in it is untrusted article text, so the
// panel is built with textContent and createElement only (never innerHTML). Positions are
// laid out once over the whole graph; filters then hide nodes and edges without moving the
// others, so an analyst's mental map survives a change of time range.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Sigma from "sigma";
import { EdgeLineProgram, EdgeRectangleProgram, NodeCircleProgram, NodePointProgram } from "sigma/rendering";

const KIND_COLORS = {
  state: "#1f4e79",
  government: "#2e75b6",
  igo: "#7a5195",
  armed_group: "#b5651d",
  party: "#2f8f83",
  media: "#8c8c8c",
  organization: "#5b8c2a",
  person: "#c2185b",
  anonymous_group: "#a0a0a0",
};
const COOPERATION = "rgba(37, 99, 235, 0.55)";
const CONFLICT = "rgba(220, 38, 38, 0.6)";
const MIXED = "rgba(139, 92, 246, 0.55)";
const NEUTRAL = "rgba(120, 120, 130, 0.4)";
const BIG_GRAPH_EDGES = 5000;

/** A small deterministic PRNG (mulberry32), so that a store always gets the same picture. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The colour of a tie: blue for cooperation, red for conflict, violet when mixed, grey for roles. */
export function edgeColor(e) {
  const signed = e.coop + e.conflict;
  if (signed === 0) return NEUTRAL;
  const share = e.coop / signed;
  if (share >= 0.65) return COOPERATION;
  if (share <= 0.35) return CONFLICT;
  return MIXED;
}

/** Edge width grows with the number of independent sources, not with repeated claims. */
export function edgeSize(e) {
  return 0.6 + 1.8 * Math.log2(1 + Math.max(e.sources, 1));
}

function nodeSize(claims) {
  return Math.min(3 + 1.6 * Math.sqrt(claims), 22);
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function layout(graph) {
  const n = graph.order;
  const rand = prng(n * 7919 + graph.size);
  graph.forEachNode((node) => {
    graph.mergeNodeAttributes(node, { x: rand() * 100, y: rand() * 100 });
  });
  if (n < 2) return;
  const iterations = n <= 300 ? 400 : n <= 1500 ? 120 : 40;
  const settings = forceAtlas2.inferSettings(graph);
  settings.barnesHutOptimize = n > 300;
  forceAtlas2.assign(graph, { iterations, settings, getEdgeWeight: "sources" });
}

function readFilters(form) {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const key of ["start", "end", "min_sources"]) {
    const value = data.get(key);
    if (value) params.set(key, value);
  }
  for (const key of ["classes", "kinds"]) {
    const boxes = form.querySelectorAll(`input[name="${key}"]`);
    const checked = data.getAll(key);
    if (checked.length !== boxes.length) params.set(key, checked.join(",") || "-");
  }
  return params;
}

class NetworkView {
  constructor(root) {
    this.root = root;
    this.container = root.querySelector("#graph");
    this.form = document.getElementById("filters");
    this.panel = document.getElementById("panel");
    this.status = document.getElementById("graph-status");
    this.graph = new Graph({ type: "undirected", multi: false });
    this.visible = null; // Map edge key -> tie as filtered; null: everything
    this.selected = null;
    this.hovered = null;
    this.months = [];
    this.ready = false;
  }

  async load() {
    const response = await fetch("/api/graph", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`the graph did not load (${response.status})`);
    const data = await response.json();
    this.build(data);
    this.setupSlider(data.months || []);
    this.render();
    this.bindForm();
    this.ready = true;
    this.root.dataset.ready = "true";
  }

  build(data) {
    const g = this.graph;
    for (const a of data.nodes) {
      g.addNode(a.id, {
        label: a.name,
        kind: a.kind,
        claims: a.claims,
        size: nodeSize(a.claims),
        color: KIND_COLORS[a.kind] || "#666",
      });
    }
    for (const e of data.edges) {
      if (!g.hasNode(e.source) || !g.hasNode(e.target) || g.hasEdge(e.id)) continue;
      g.addEdgeWithKey(e.id, e.source, e.target, {
        tie: e,
        sources: Math.max(e.sources, 1),
        size: edgeSize(e),
        color: edgeColor(e),
      });
    }
    layout(g);
    this.status.textContent = `${g.order.toLocaleString()} actors, ${g.size.toLocaleString()} ties`;
    const list = document.getElementById("actor-names");
    if (list && g.order <= 3000) {
      g.forEachNode((node, attrs) => list.appendChild(el("option", { value: attrs.label })));
    }
  }

  render() {
    const big = this.graph.size > BIG_GRAPH_EDGES;
    this.sigma = new Sigma(this.graph, this.container, {
      defaultEdgeType: "line",
      labelRenderedSizeThreshold: big ? 12 : 6,
      labelDensity: big ? 0.05 : 0.5,
      labelFont: "system-ui, sans-serif",
      labelSize: 12,
      zIndex: true,
      minCameraRatio: 0.05,
      maxCameraRatio: 10,
      // Large graphs: one-pixel edges (gl.LINES) and edges hidden while the camera moves, the
      // usual sigma.js recipe; widths by sources show on graphs of up to BIG_GRAPH_EDGES ties.
      edgeProgramClasses: { line: big ? EdgeLineProgram : EdgeRectangleProgram },
      nodeProgramClasses: { circle: big ? NodePointProgram : NodeCircleProgram },
      hideEdgesOnMove: big,
      hideLabelsOnMove: big,
      nodeReducer: (node, data) => this.nodeReducer(node, data),
      edgeReducer: (edge, data) => this.edgeReducer(edge, data),
    });
    this.sigma.on("clickNode", ({ node }) => this.select(node));
    this.sigma.on("clickStage", () => this.select(null));
    this.sigma.on("enterNode", ({ node }) => {
      this.hovered = node;
      this.container.classList.add("pointer");
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on("leaveNode", () => {
      this.hovered = null;
      this.container.classList.remove("pointer");
      this.sigma.refresh({ skipIndexation: true });
    });
  }

  focusNode() {
    return this.hovered || this.selected;
  }

  nodeReducer(node, data) {
    const res = { ...data };
    if (this.visible && !this.visibleNodes.has(node)) return { ...res, hidden: true };
    const focus = this.focusNode();
    if (focus && node !== focus && !this.graph.areNeighbors(node, focus)) {
      res.color = "#d8d8dc";
      res.label = "";
      res.zIndex = 0;
    } else if (focus) {
      res.highlighted = node === focus;
      res.zIndex = 1;
      res.forceLabel = true;
    }
    return res;
  }

  edgeReducer(edge, data) {
    const res = { ...data };
    if (this.visible) {
      const tie = this.visible.get(edge);
      if (!tie) return { ...res, hidden: true };
      res.size = edgeSize(tie);
      res.color = edgeColor(tie);
    }
    const focus = this.focusNode();
    if (focus && !this.graph.hasExtremity(edge, focus)) res.hidden = true;
    return res;
  }

  setupSlider(months) {
    this.months = months;
    const start = this.form.querySelector("#start-slider");
    const end = this.form.querySelector("#end-slider");
    if (!months.length) {
      start.disabled = end.disabled = true;
      return;
    }
    for (const s of [start, end]) {
      s.min = "0";
      s.max = String(months.length - 1);
    }
    start.value = "0";
    end.value = String(months.length - 1);
    const show = () => {
      let a = Number(start.value);
      let b = Number(end.value);
      if (a > b) [a, b] = [b, a];
      this.form.elements.start.value = months[a];
      this.form.elements.end.value = months[b];
      document.getElementById("range-label").textContent = `${months[a]} – ${months[b]}`;
    };
    show();
    const changed = () => {
      show();
      this.applyFilters();
    };
    start.addEventListener("input", changed);
    end.addEventListener("input", changed);
    this.showRange = show;
  }

  bindForm() {
    let timer = null;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.applyFilters(), 120);
    };
    this.form.addEventListener("change", (event) => {
      if (event.target.type !== "range") later();
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.applyFilters();
    });
    this.form.addEventListener("reset", () => {
      setTimeout(() => {
        if (this.months.length) {
          this.form.querySelector("#start-slider").value = "0";
          this.form.querySelector("#end-slider").value = String(this.months.length - 1);
          this.showRange();
        }
        this.applyFilters();
      });
    });
    const find = document.getElementById("find-actor");
    if (find) {
      find.addEventListener("change", () => {
        const wanted = find.value.trim().toLowerCase();
        const hit = this.graph.findNode((n, a) => a.label.toLowerCase() === wanted || n === wanted);
        if (hit) this.select(hit, true);
      });
    }
  }

  async applyFilters() {
    const params = readFilters(this.form);
    const seq = (this.filterSeq = (this.filterSeq || 0) + 1);
    if ([...params.keys()].length === 0 || (params.size === 2 && this.isFullRange(params))) {
      this.visible = null;
      this.visibleNodes = null;
    } else {
      params.set("fields", "edges");
      const response = await fetch(`/api/graph?${params}`, { headers: { Accept: "application/json" } });
      if (!response.ok || seq !== this.filterSeq) return;
      const data = await response.json();
      if (seq !== this.filterSeq) return;
      this.visible = new Map(data.edges.map((e) => [e.id, e]));
      this.visibleNodes = new Set();
      for (const e of data.edges) {
        this.visibleNodes.add(e.source);
        this.visibleNodes.add(e.target);
      }
    }
    const shownEdges = this.visible ? this.visible.size : this.graph.size;
    const shownNodes = this.visibleNodes ? this.visibleNodes.size : this.graph.order;
    this.status.textContent = `${shownNodes.toLocaleString()} actors, ${shownEdges.toLocaleString()} ties shown`;
    this.sigma.refresh();
  }

  isFullRange(params) {
    const m = this.months;
    return m.length > 0 && params.get("start") === m[0] && params.get("end") === m[m.length - 1];
  }

  select(node, moveCamera = false) {
    this.selected = node;
    this.sigma.refresh({ skipIndexation: true });
    if (node === null) {
      this.panel.replaceChildren(el("p", { class: "muted" }, "Click an actor to see its ties."));
      return;
    }
    if (moveCamera) {
      const pos = this.sigma.getNodeDisplayData(node);
      this.sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.4 }, { duration: 400 });
    }
    this.showPanel(node);
  }

  showPanel(node) {
    const a = this.graph.getNodeAttributes(node);
    const ties = [];
    this.graph.forEachEdge(node, (edge, attrs, source, target) => {
      const tie = (this.visible && this.visible.get(edge)) || (!this.visible && attrs.tie);
      if (!tie) return;
      const other = source === node ? target : source;
      ties.push({ other, name: this.graph.getNodeAttribute(other, "label"), tie });
    });
    ties.sort((x, y) => y.tie.sources - x.tie.sources || y.tie.claims - x.tie.claims);
    const header = el("div", { class: "panel-head" });
    const title = el("h2");
    title.appendChild(el("a", { href: `/actors/${encodeURIComponent(node)}` }, a.label));
    header.append(title, el("p", { class: "muted" }, `${a.kind.replace("_", " ")} · ${a.claims} claims`));
    const list = el("ul", { class: "tie-list" });
    for (const t of ties.slice(0, 60)) {
      const item = el("li");
      const link = el(
        "a",
        { href: `/dyad/${encodeURIComponent(node)}/${encodeURIComponent(t.other)}`, class: "dyad-link" },
        t.name,
      );
      const swatch = el("span", { class: `swatch ${tieClass(t.tie)}` });
      const facts = el(
        "span",
        { class: "muted" },
        ` ${t.tie.claims} claim${t.tie.claims === 1 ? "" : "s"}, ${t.tie.sources} source${t.tie.sources === 1 ? "" : "s"}`,
      );
      item.append(swatch, link, facts);
      if (t.tie.denied) item.appendChild(el("span", { class: "badge denied" }, "denied"));
      list.appendChild(item);
    }
    const more = ties.length > 60 ? el("p", { class: "muted" }, `and ${ties.length - 60} more`) : null;
    const open = el("p");
    open.appendChild(el("a", { href: `/actors/${encodeURIComponent(node)}`, class: "button" }, "Open actor page"));
    this.panel.replaceChildren(header, open, el("h3", {}, `Ties (${ties.length})`), list, ...(more ? [more] : []));
  }
}

function tieClass(tie) {
  const signed = tie.coop + tie.conflict;
  if (!signed) return "neutral";
  const share = tie.coop / signed;
  return share >= 0.65 ? "cooperation" : share <= 0.35 ? "conflict" : "mixed";
}

/**
 * Animate the camera for `ms` milliseconds and time every frame: used by the browser test that
 * measures whether the view stays interactive on a large graph.
 */
export async function measureFrames(view, ms = 3000) {
  const camera = view.sigma.getCamera();
  const deltas = [];
  let last = null;
  let running = true;
  const tick = (t) => {
    if (last !== null) deltas.push(t - last);
    last = t;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const third = ms / 3;
  await camera.animate({ ratio: 0.35, x: 0.35, y: 0.6 }, { duration: third });
  await camera.animate({ ratio: 0.8, x: 0.65, y: 0.4, angle: 0.3 }, { duration: third });
  await camera.animate({ ratio: 1, x: 0.5, y: 0.5, angle: 0 }, { duration: third });
  running = false;
  deltas.sort((x, y) => x - y);
  const mean = deltas.reduce((s, d) => s + d, 0) / Math.max(deltas.length, 1);
  const pct = (p) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))];
  return { frames: deltas.length, mean_ms: mean, median_ms: pct(0.5), p95_ms: pct(0.95), max_ms: deltas[deltas.length - 1] };
}

function start() {
  const root = document.getElementById("network");
  if (!root) return;
  const view = new NetworkView(root);
  window.actorgraphView = view;
  view.measureFrames = (ms) => measureFrames(view, ms);
  view.load().catch((error) => {
    root.dataset.ready = "error";
    view.status.textContent = String(error.message || error);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
