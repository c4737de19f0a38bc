// Small behaviour for server-rendered pages: the ingest form with its progress bar.
//
// Write endpoints need a token. A server on loopback hands its own pages the token in
// <meta name="actorgraph-token">; elsewhere the analyst pastes the team's token once into the
// form, and it is kept in sessionStorage for the tab's life. Nothing here uses innerHTML.

const TOKEN_KEY = "actorgraph-token";

function token() {
  const meta = document.querySelector('meta[name="actorgraph-token"]');
  if (meta && meta.content) return meta.content;
  const field = document.getElementById("token");
  if (field && field.value) {
    sessionStorage.setItem(TOKEN_KEY, field.value);
    return field.value;
  }
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class IngestForm {
  constructor(form) {
    this.form = form;
    this.progress = document.getElementById("ingest-progress");
    this.bar = this.progress.querySelector("progress");
    this.message = document.getElementById("ingest-message");
    this.results = document.getElementById("ingest-results");
    this.button = form.querySelector('button[type="submit"]');
    const field = document.getElementById("token");
    if (field) field.value = sessionStorage.getItem(TOKEN_KEY) || "";
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit().catch((error) => this.fail(String(error.message || error)));
    });
  }

  say(text, state = "") {
    this.message.textContent = text;
    this.progress.dataset.state = state;
    this.progress.hidden = false;
  }

  fail(text) {
    this.say(text, "failed");
    this.button.disabled = false;
  }

  async request() {
    const data = new FormData(this.form);
    const headers = { Authorization: `Bearer ${token()}`, Accept: "application/json" };
    const meta = {};
    for (const key of ["title", "published", "outlet", "url"]) {
      const value = String(data.get(key) || "").trim();
      if (value) meta[key] = value;
    }
    const mode = data.get("mode");
    if (mode === "file") {
      const file = this.form.querySelector('input[type="file"]').files[0];
      if (!file) throw new Error("Choose a .txt, .html or .jsonl file first.");
      const params = new URLSearchParams({ filename: file.name, ...meta });
      return fetch(`/api/ingest/file?${params}`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/octet-stream" },
        body: file,
      });
    }
    const body = { ...meta };
    if (mode === "url") body.fetch_url = String(data.get("fetch_url") || "").trim();
    else body.text = String(data.get("text") || "");
    return fetch("/api/ingest", {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  async submit() {
    this.button.disabled = true;
    this.results.replaceChildren();
    this.bar.removeAttribute("value");
    this.say("Sending…", "running");
    const response = await this.request();
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || body);
      this.fail(`${response.status}: ${detail}`);
      return;
    }
    await this.follow(body.job);
  }

  async follow(jobId) {
    for (;;) {
      const response = await fetch(`/api/ingest/${encodeURIComponent(jobId)}`, { headers: { Accept: "application/json" } });
      const job = await response.json();
      if (job.total) {
        this.bar.max = job.total;
        this.bar.value = job.done;
      }
      this.say(job.message, job.state);
      if (job.state === "done" || job.state === "failed") {
        this.show(job);
        this.button.disabled = false;
        return;
      }
      await sleep(400);
    }
  }

  show(job) {
    if (job.total) this.bar.value = job.total;
    for (const doc of job.documents || []) {
      const item = el("li");
      item.appendChild(el("a", { href: `/documents/${encodeURIComponent(doc.id)}` }, doc.title || doc.id));
      item.appendChild(el("span", { class: "muted" }, ` ${doc.status}, ${doc.claims} claims`));
      this.results.appendChild(item);
    }
    for (const error of job.errors || []) {
      this.results.appendChild(el("li", { class: "error" }, `${error.id}: ${error.error}`));
    }
  }
}

function modeSwitch(form) {
  const sync = () => {
    const mode = new FormData(form).get("mode");
    for (const section of form.querySelectorAll("[data-mode]")) section.hidden = section.dataset.mode !== mode;
  };
  form.addEventListener("change", (event) => {
    if (event.target.name === "mode") sync();
  });
  sync();
}

function start() {
  const form = document.getElementById("ingest-form");
  if (form) {
    modeSwitch(form);
    window.actorgraphIngest = new IngestForm(form);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
