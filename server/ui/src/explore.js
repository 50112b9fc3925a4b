// The explorer that dyad serves at /explore: a graph of actors and relations drawn with
// Cytoscape.js, fed only by the public GraphQL API at /graphql, like any other client. Bundled by
// build.mjs into dist/, which the Go binary embeds; nothing is loaded from elsewhere at run time.
//
// The view (centres, hops, filters, removed and pinned actors) lives in the URL, so a link opens
// the same picture; every change of the view rewrites the URL without reloading the page.
import cytoscape from "cytoscape";
import "./explore.css";

const endpoint = new URL("graphql", window.location.href).toString();

// ---- GraphQL -------------------------------------------------------------------------------

async function gql(query, variables) {
  const res = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`the server answered ${res.status} without JSON`);
  }
  if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  return body.data;
}

const actorFields = "id name kind country";

// ---- The kinds, types and quads we draw ----------------------------------------------------

const kinds = {
  STATE: { color: "#2f6db5", shape: "ellipse", label: "state" },
  GOVERNMENT: { color: "#5f95d8", shape: "round-rectangle", label: "government" },
  MILITARY: { color: "#3d4f73", shape: "triangle", label: "military" },
  IGO: { color: "#7c4dbd", shape: "hexagon", label: "IGO" },
  ARMED_GROUP: { color: "#c2410c", shape: "diamond", label: "armed group" },
  PERSON: { color: "#d29b0c", shape: "round-tag", label: "person" },
  NGO: { color: "#1f8a70", shape: "octagon", label: "NGO" },
  PARTY: { color: "#b83280", shape: "pentagon", label: "party" },
  MEDIA: { color: "#6b7280", shape: "rectangle", label: "media" },
  OTHER: { color: "#9aa1ad", shape: "ellipse", label: "other" },
};

const quads = {
  VERBAL_COOPERATION: { color: "#6cc38a", label: "verbal cooperation" },
  MATERIAL_COOPERATION: { color: "#1b7f3b", label: "material cooperation" },
  VERBAL_CONFLICT: { color: "#f29a38", label: "verbal conflict" },
  MATERIAL_CONFLICT: { color: "#d1281f", label: "material conflict" },
  NONE: { color: "#8d95a3", label: "affiliation" },
};

const typesByQuad = {
  VERBAL_COOPERATION: ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"],
  MATERIAL_COOPERATION: ["COOPERATE", "AID", "RETREAT"],
  VERBAL_CONFLICT: ["REQUEST", "ACCUSE", "REJECT", "THREATEN"],
  MATERIAL_CONFLICT: ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"],
  NONE: ["AFFILIATION"],
};
const allTypes = Object.values(typesByQuad).flat();
const ploverTypes = allTypes.filter((t) => t !== "AFFILIATION");

// ---- The view, kept in the URL -------------------------------------------------------------

const DAY = 86_400_000;

function readView(search) {
  const p = new URLSearchParams(search);
  const list = (k) => (p.get(k) || "").split(",").map((s) => s.trim()).filter(Boolean);
  const pins = {};
  for (const item of list("pin")) {
    const m = item.match(/^(.+)@(-?[\d.]+):(-?[\d.]+)$/);
    if (m) pins[m[1]] = { x: Number(m[2]), y: Number(m[3]) };
  }
  const hops = Math.min(3, Math.max(1, parseInt(p.get("hops") || "1", 10) || 1));
  const types = list("types").filter((t) => allTypes.includes(t));
  return {
    centres: list("actor"),
    hops,
    types: types.length ? types : ploverTypes.slice(),
    since: p.get("since") || "",
    until: p.get("until") || "",
    minCount: Math.max(1, parseInt(p.get("minCount") || "1", 10) || 1),
    minConfidence: Math.min(1, Math.max(0, parseFloat(p.get("minConfidence") || "0") || 0)),
    rollup: p.get("rollup") === "1" || p.get("rollup") === "true",
    removed: list("removed"),
    pins,
    selected: p.get("selected") || "",
  };
}

function writeView(v) {
  const p = new URLSearchParams();
  if (v.centres.length) p.set("actor", v.centres.join(","));
  if (v.hops !== 1) p.set("hops", String(v.hops));
  if (!sameSet(v.types, ploverTypes)) p.set("types", v.types.join(","));
  if (v.since) p.set("since", v.since);
  if (v.until) p.set("until", v.until);
  if (v.minCount > 1) p.set("minCount", String(v.minCount));
  if (v.minConfidence > 0) p.set("minConfidence", String(v.minConfidence));
  if (v.rollup) p.set("rollup", "1");
  if (v.removed.length) p.set("removed", v.removed.join(","));
  const pins = Object.entries(v.pins).map(([id, pos]) => `${id}@${Math.round(pos.x)}:${Math.round(pos.y)}`);
  if (pins.length) p.set("pin", pins.join(","));
  if (v.selected) p.set("selected", v.selected);
  const q = p.toString().replaceAll("%2C", ",").replaceAll("%7C", "|").replaceAll("%40", "@").replaceAll("%3A", ":");
  return window.location.pathname + (q ? "?" + q : "");
}

function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

// filterOf is the RelationFilter that the view asks the server for; withDates false leaves out
// the time range (used to learn the dates the slider spans).
function filterOf(v, withDates = true) {
  const f = {};
  if (!sameSet(v.types, ploverTypes)) f.types = v.types;
  if (withDates && v.since) f.since = v.since;
  if (withDates && v.until) f.until = v.until;
  if (v.minConfidence > 0) f.minConfidence = v.minConfidence;
  if (v.rollup) f.rollup = true;
  return f;
}

let view = readView(window.location.search);

function commit(push = false) {
  const url = writeView(view);
  if (url !== window.location.pathname + window.location.search) {
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
}

// ---- The graph -----------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

const cy = cytoscape({
  container: $("graph"),
  wheelSensitivity: 0.3,
  minZoom: 0.05,
  maxZoom: 4,
  textureOnViewport: true,
  hideEdgesOnViewport: false,
  style: [
    {
      selector: "node",
      style: {
        "background-color": (n) => (kinds[n.data("kind")] || kinds.OTHER).color,
        shape: (n) => (kinds[n.data("kind")] || kinds.OTHER).shape,
        label: "data(name)",
        width: "data(size)",
        height: "data(size)",
        "font-size": 11,
        "min-zoomed-font-size": 7,
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-outline-color": "#fbfbfc",
        "text-outline-width": 1,
        color: "#1d2330",
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    { selector: "node.centre", style: { "border-width": 3, "border-color": "#1d2330" } },
    { selector: "node.pinned", style: { "border-width": 3, "border-color": "#e11d74", "border-style": "double" } },
    { selector: "node:selected", style: { "overlay-color": "#2f6db5", "overlay-opacity": 0.25, "overlay-padding": 4 } },
    {
      selector: "edge",
      style: {
        width: "data(width)",
        "line-color": (e) => (quads[e.data("quad") || "NONE"] || quads.NONE).color,
        "target-arrow-color": (e) => (quads[e.data("quad") || "NONE"] || quads.NONE).color,
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.9,
        "curve-style": "bezier",
        opacity: 0.85,
        label: "",
      },
    },
    { selector: "edge:selected", style: { "overlay-color": "#1d2330", "overlay-opacity": 0.2, "overlay-padding": 3, label: "data(type)", "font-size": 10, "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.9 } },
    { selector: "edge.hover", style: { label: "data(type)", "font-size": 10, "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.9 } },
  ],
});
window.dyadExplorer = { cy, view: () => view }; // for the browser test and the console

function edgeWidth(count) {
  return Math.min(14, 1.2 + 2.2 * Math.log2(count));
}

// data is what the server sent for the current view: actors and relations by id, and the dates
// that the claims span without the time filter.
let data = { actors: new Map(), relations: new Map(), dates: null, truncated: false };

let loadSeq = 0;

// STAR_LIMIT is how many of a centre's neighbours one hop brings, strongest first.
const STAR_LIMIT = 200;

async function load({ relayout = true } = {}) {
  commit();
  syncControls();
  if (!view.centres.length) {
    cy.elements().remove();
    data = { actors: new Map(), relations: new Map(), dates: null, truncated: false };
    setStatus("Search an actor to start.");
    return;
  }
  const seq = ++loadSeq;
  setStatus("Loading…");
  // One request per centre, each within the server's complexity limit, sent together: the
  // neighbourhood under the filter, and the dates its claims span without the time filter (for
  // the slider). One hop asks for the centre's strongest neighbours (`neighbors`, ranked by
  // claim count, with the relations among them), so that a busy actor brings the 200 actors it
  // deals with most rather than 500 taken by id; more hops walk the `neighborhood`.
  const edgeFields = "id type quad count score firstSeen lastSeen source { id } target { id }";
  const requests = view.centres.map((id, i) => {
    const hops = i === 0 ? view.hops : 1;
    const query = hops === 1
      ? `query Explore($a: ID!, $f: RelationFilter, $fb: RelationFilter) {
    n: neighbors(actor: $a, filter: $f, limit: ${STAR_LIMIT}, among: true) {
      truncated center { ${actorFields} } nodes { actor { ${actorFields} } } edges { ${edgeFields} } }
    d: neighbors(actor: $a, filter: $fb, limit: ${STAR_LIMIT}, among: true) { edges { firstSeen lastSeen } } }`
      : `query Explore($a: ID!, $f: RelationFilter, $fb: RelationFilter) {
    n: neighborhood(actor: $a, hops: ${hops}, filter: $f, limit: 500) {
      truncated nodes { distance actor { ${actorFields} } } edges { ${edgeFields} } }
    d: neighborhood(actor: $a, hops: ${hops}, filter: $fb, limit: 500) { edges { firstSeen lastSeen } } }`;
    return gql(query, { a: id, f: filterOf(view), fb: filterOf(view, false) }).then((answer) => {
      if (answer.n.center) {
        // a star: the centre at distance 0, its neighbours at 1
        answer.n.nodes = [{ distance: 0, actor: answer.n.center },
          ...answer.n.nodes.map((node) => ({ distance: 1, actor: node.actor }))];
      }
      return answer;
    });
  });
  let answers;
  try {
    answers = await Promise.all(requests);
  } catch (err) {
    if (seq === loadSeq) setStatus(err.message, true);
    return;
  }
  if (seq !== loadSeq) return; // a newer view was asked for meanwhile
  const actors = new Map();
  const relations = new Map();
  let lo = Infinity;
  let hi = -Infinity;
  let truncated = false;
  for (const answer of answers) {
    truncated ||= answer.n.truncated;
    for (const node of answer.n.nodes) {
      const known = actors.get(node.actor.id);
      actors.set(node.actor.id, { ...node.actor, distance: Math.min(node.distance, known?.distance ?? Infinity) });
    }
    for (const e of answer.n.edges) relations.set(e.id, e);
    for (const e of answer.d.edges) {
      for (const t of [e.firstSeen, e.lastSeen]) {
        const ms = Date.parse(t);
        if (new Date(ms).getUTCFullYear() > 1) { lo = Math.min(lo, ms); hi = Math.max(hi, ms); }
      }
    }
  }
  // Relations between actors that came from different centres' neighbourhoods.
  if (view.centres.length > 1 && actors.size <= 1000) {
    try {
      const between = await gql(`query Between($ids: [ID!], $f: RelationFilter) {
        relations(between: $ids, filter: $f, first: 1000) { nodes { ${edgeFields} } } }`,
      { ids: [...actors.keys()], f: filterOf(view) });
      if (seq !== loadSeq) return;
      for (const e of between.relations.nodes) relations.set(e.id, e);
    } catch (err) {
      setStatus(err.message, true);
    }
  }
  data = {
    actors, relations, truncated,
    dates: lo <= hi ? { lo: Math.floor(lo / DAY), hi: Math.floor(hi / DAY) } : null,
  };
  draw(relayout);
}

// draw puts the data on the canvas under the view's client-side filters (minimum count, removed
// actors), keeping the positions of actors already shown.
function draw(relayout) {
  const removed = new Set(view.removed);
  const edges = [...data.relations.values()].filter((e) =>
    e.count >= view.minCount && !removed.has(e.source.id) && !removed.has(e.target.id));
  const linked = new Set(view.centres);
  for (const e of edges) { linked.add(e.source.id); linked.add(e.target.id); }
  const actors = [...data.actors.values()].filter((a) => linked.has(a.id) && !removed.has(a.id));
  const degree = new Map();
  for (const e of edges) {
    degree.set(e.source.id, (degree.get(e.source.id) || 0) + e.count);
    degree.set(e.target.id, (degree.get(e.target.id) || 0) + e.count);
  }
  const keep = new Set([...actors.map((a) => "n:" + a.id), ...edges.map((e) => "e:" + e.id)]);
  let added = 0;
  cy.batch(() => {
    cy.elements().forEach((el) => { if (!keep.has(el.id())) el.remove(); });
    for (const a of actors) {
      const size = 16 + Math.min(30, 5 * Math.log2(1 + (degree.get(a.id) || 0)));
      const nd = { id: "n:" + a.id, actor: a.id, name: a.name, kind: a.kind, country: a.country, size, distance: a.distance ?? 1 };
      const existing = cy.getElementById(nd.id);
      if (existing.nonempty()) {
        existing.data(nd);
      } else {
        const near = nearestShown(a.id, edges);
        const pos = view.pins[a.id] || (near ? { x: near.x + (Math.random() - 0.5) * 80, y: near.y + (Math.random() - 0.5) * 80 } : { x: Math.random() * 400, y: Math.random() * 400 });
        cy.add({ group: "nodes", data: nd, position: pos });
        added++;
      }
    }
    for (const e of edges) {
      const ed = {
        id: "e:" + e.id, relation: e.id, source: "n:" + e.source.id, target: "n:" + e.target.id,
        type: e.type, quad: e.quad || "NONE", count: e.count, score: e.score, width: edgeWidth(e.count),
      };
      const existing = cy.getElementById(ed.id);
      if (existing.nonempty()) existing.data(ed);
      else cy.add({ group: "edges", data: ed });
    }
    cy.nodes().forEach((n) => {
      const id = n.data("actor");
      n.toggleClass("centre", view.centres.includes(id));
      const pin = view.pins[id];
      n.toggleClass("pinned", !!pin);
      if (pin) { n.unlock(); n.position(pin); n.lock(); } else n.unlock();
    });
  });
  const big = cy.nodes().length > bigGraph;
  cy.style().selector("node").style("min-zoomed-font-size", big ? 12 : 7)
    .selector("edge").style({ "curve-style": big ? "straight" : "bezier", opacity: big ? 0.5 : 0.85 }).update();
  setStatus(`${actors.length} actors, ${edges.length} relations` + (data.truncated ? " (truncated at 500 per centre)" : ""));
  if (relayout && (added > 0 || cy.nodes().length < 2)) runLayout(added === cy.nodes().length);
  syncDates();
  restoreSelection();
}

function nearestShown(id, edges) {
  for (const e of edges) {
    const other = e.source.id === id ? e.target.id : e.target.id === id ? e.source.id : null;
    if (!other) continue;
    const n = cy.getElementById("n:" + other);
    if (n.nonempty()) return n.position();
  }
  return null;
}

let layout = null;

// bigGraph is the number of actors above which the explorer draws rings by distance from the
// centres instead of running a force-directed layout, and straight edges instead of curves: a
// force layout of hundreds of actors and thousands of relations takes a minute here and
// freezes the page for seconds at a time.
const bigGraph = 200;

// runLayout lays the graph out: up to bigGraph actors with the force-directed CoSE layout,
// animated so that the page stays responsive while it runs (a batch of iterations per frame);
// larger graphs in rings by distance from the centres, busiest actors first. Pinned actors stay
// put.
function runLayout(fresh) {
  if (layout) layout.stop();
  const n = cy.nodes().length;
  const options = n > bigGraph ? {
    name: "concentric",
    animate: false,
    fit: true,
    padding: 30,
    minNodeSpacing: 6,
    concentric: (node) => 10 - node.data("distance") + Math.min(0.9, node.degree() / 1000),
    levelWidth: () => 1,
  } : {
    name: "cose",
    animate: n > 30 ? true : "end",
    animationDuration: 300,
    refresh: 10,
    randomize: fresh,
    fit: true,
    padding: 40,
    nodeDimensionsIncludeLabels: n < 200,
    numIter: n > 300 ? 600 : 1000,
    idealEdgeLength: () => 80,
    edgeElasticity: () => 60,
    nodeRepulsion: () => 400_000,
    nodeOverlap: 20,
    gravity: 1,
  };
  layout = cy.layout(options);
  layout.one("layoutstop", () => {
    layout = null;
    if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); } // a few actors need not fill the screen
    document.body.dataset.layout = "done";
  });
  document.body.dataset.layout = "running";
  layout.run();
}

// ---- Status --------------------------------------------------------------------------------

function setStatus(text, error = false) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", error);
  document.body.dataset.loading = text === "Loading…" ? "1" : "0";
}

// ---- Search as you type --------------------------------------------------------------------

const search = $("search");
const list = $("suggestions");
let suggestions = [];
let active = -1;
let searchSeq = 0;
let searchTimer = 0;

search.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(suggest, 120);
});

async function suggest() {
  const text = search.value.trim();
  const seq = ++searchSeq;
  if (!text) { showSuggestions([]); return; }
  try {
    const d = await gql(`query Search($q: String!) { actors(search: $q, first: 10) { nodes { ${actorFields} } } }`, { q: text });
    if (seq === searchSeq) showSuggestions(d.actors.nodes);
  } catch (err) {
    setStatus(err.message, true);
  }
}

function showSuggestions(items) {
  suggestions = items;
  active = items.length ? 0 : -1;
  list.replaceChildren(...items.map((a, i) => {
    const li = document.createElement("li");
    li.setAttribute("role", "option");
    li.dataset.actor = a.id;
    const name = document.createElement("span");
    name.textContent = a.name;
    const small = document.createElement("small");
    small.textContent = [(kinds[a.kind] || kinds.OTHER).label, a.country, a.id].filter(Boolean).join(" · ");
    li.append(name, small);
    li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i, ev.shiftKey); });
    return li;
  }));
  if (!items.length && search.value.trim()) {
    const li = document.createElement("li");
    li.textContent = "No actor matches.";
    list.append(li);
  }
  list.hidden = !search.value.trim();
  search.setAttribute("aria-expanded", String(!list.hidden));
  markActive();
}

function markActive() {
  [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
}

search.addEventListener("keydown", (ev) => {
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    if (!suggestions.length) return;
    ev.preventDefault();
    active = (active + (ev.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length;
    markActive();
  } else if (ev.key === "Enter") {
    ev.preventDefault();
    if (active >= 0) pick(active, ev.shiftKey);
  } else if (ev.key === "Escape") {
    list.hidden = true;
  }
});
search.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));

// pick shows an actor: a new view centred on it, or, with Shift, added to the current view.
function pick(i, add) {
  const a = suggestions[i];
  if (!a) return;
  list.hidden = true;
  search.value = "";
  if (add && view.centres.length) {
    if (!view.centres.includes(a.id)) view.centres.push(a.id);
    view.removed = view.removed.filter((id) => id !== a.id);
  } else {
    view.centres = [a.id];
    view.removed = [];
    view.pins = {};
    cy.elements().remove();
  }
  view.selected = "";
  closePanel();
  commit(true);
  load();
}

// ---- Filters -------------------------------------------------------------------------------

function buildTypeFilters() {
  const box = $("types");
  for (const [quad, types] of Object.entries(typesByQuad)) {
    const head = document.createElement("div");
    head.className = "quad-group";
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = quads[quad].color;
    head.append(sw, quads[quad].label);
    box.append(head);
    for (const t of types) {
      const label = document.createElement("label");
      label.className = "check";
      const cb = document.createElement("input");
      cb.type = "checkbox";
      cb.value = t;
      cb.name = "type";
      cb.addEventListener("change", () => {
        view.types = [...box.querySelectorAll("input[name=type]:checked")].map((c) => c.value);
        if (!view.types.length) view.types = ploverTypes.slice();
        load({ relayout: true });
      });
      label.append(cb, t.charAt(0) + t.slice(1).toLowerCase());
      box.append(label);
    }
  }
  const legend = $("kind-legend");
  for (const k of Object.values(kinds)) {
    const li = document.createElement("li");
    li.innerHTML = `<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill="${k.color}"/></svg>`;
    li.append(`${k.label} (${k.shape.replace("round-", "")})`);
    legend.append(li);
  }
}

function syncControls() {
  $("hops").value = String(view.hops);
  for (const cb of document.querySelectorAll("#types input[name=type]")) cb.checked = view.types.includes(cb.value);
  $("min-count").value = String(view.minCount);
  $("min-conf").value = String(view.minConfidence);
  $("rollup").checked = view.rollup;
}

const dayString = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (s) => Math.floor(Date.parse(s) / DAY);

// syncDates sets the time slider's span to the dates of the claims shown (undated claims aside),
// and its handles to the view's range.
function syncDates() {
  const since = $("since");
  const until = $("until");
  const d = data.dates;
  let lo = d ? d.lo : 0;
  let hi = d ? d.hi : 0;
  if (view.since) lo = Math.min(lo, dayOf(view.since));
  if (view.until) hi = Math.max(hi, dayOf(view.until));
  for (const r of [since, until]) { r.min = String(lo); r.max = String(hi); r.disabled = !d; }
  since.value = String(view.since ? dayOf(view.since) : lo);
  until.value = String(view.until ? dayOf(view.until) : hi);
  $("since-label").textContent = d || view.since ? dayString(Number(since.value)) : "no dated claims";
  $("until-label").textContent = d || view.until ? dayString(Number(until.value)) : "";
}

let dateTimer = 0;
function onDates(ev) {
  const since = $("since");
  const until = $("until");
  if (Number(since.value) > Number(until.value)) {
    if (ev.target === since) until.value = since.value; else since.value = until.value;
  }
  $("since-label").textContent = dayString(Number(since.value));
  $("until-label").textContent = dayString(Number(until.value));
  clearTimeout(dateTimer);
  dateTimer = setTimeout(() => {
    const atLo = since.value === since.min;
    const atHi = until.value === until.max;
    view.since = atLo ? "" : dayString(Number(since.value));
    view.until = atHi ? "" : dayString(Number(until.value));
    load();
  }, 250);
}
$("since").addEventListener("input", onDates);
$("until").addEventListener("input", onDates);

$("hops").addEventListener("change", () => { view.hops = Number($("hops").value); load(); });
$("min-count").addEventListener("change", () => {
  view.minCount = Math.max(1, parseInt($("min-count").value, 10) || 1);
  commit();
  draw(true);
});
$("min-conf").addEventListener("change", () => {
  view.minConfidence = Math.min(1, Math.max(0, parseFloat($("min-conf").value) || 0));
  load();
});
$("rollup").addEventListener("change", () => { view.rollup = $("rollup").checked; load(); });

// ---- Panels: an actor, a relation's evidence -----------------------------------------------

const panel = $("panel");
const panelBody = $("panel-body");

function closePanel() {
  panel.hidden = true;
  panelBody.replaceChildren();
}
$("panel-close").addEventListener("click", () => {
  closePanel();
  cy.elements().unselect();
  view.selected = "";
  commit();
});

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "onclick") e.addEventListener("click", v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

function openPanel(...children) {
  panel.hidden = false;
  panelBody.replaceChildren(...children);
  cy.resize();
}

let panelSeq = 0;

const actorQuery = `query ActorPanel($id: ID!, $f: RelationFilter) {
  actor(id: $id) { id name kind country qid aliases
    relations(filter: $f, first: 200) { totalCount nodes { id type count source { id name } target { id name } } } }
}`;

const evidenceQuery = `query Evidence($s: ID!, $t: ID!, $f: RelationFilter) {
  relations(source: $s, target: $t, filter: $f, first: 20) { nodes { id type quad count score firstSeen lastSeen
    source { id name } target { id name }
    evidence(filter: $f, first: 50) { totalCount nodes { sentence predicate negated modality confidence time start end
      article { id title url published source } } } } }
}`;

const articleQuery = `query ArticleText($ids: [ID!]) {
  articles(filter: {ids: $ids}, first: 1) { nodes { id title url source published textLength text(length: 100000)
    claims(first: 1000) { start end type predicate negated source { name } target { name } } } }
}`;

// playgroundLink opens a query with its variables in the playground (/?query=&variables=).
function playgroundLink(query, variables) {
  const p = new URLSearchParams({ query, variables: JSON.stringify(variables, null, 2) });
  return el("a", { href: "./?" + p.toString(), target: "_blank", rel: "noopener", class: "playground-link" }, "Open this query in the playground");
}

async function showActor(id) {
  const seq = ++panelSeq;
  view.selected = "actor:" + id;
  commit();
  openPanel(el("p", {}, "Loading…"));
  let d;
  try {
    d = await gql(actorQuery, { id, f: filterOf(view) });
  } catch (err) {
    if (seq === panelSeq) openPanel(el("p", { class: "error" }, err.message));
    return;
  }
  if (seq !== panelSeq) return;
  const a = d.actor;
  if (!a) { openPanel(el("p", {}, `No actor ${id}.`)); return; }
  const byType = new Map();
  for (const r of a.relations.nodes) {
    if (!byType.has(r.type)) byType.set(r.type, []);
    byType.get(r.type).push(r);
  }
  const pinned = !!view.pins[id];
  const rel = [];
  for (const [type, rs] of byType) {
    rel.push(el("h4", {}, `${type} (${rs.length})`));
    rel.push(el("ul", {}, ...rs.map((r) => {
      const out = r.source.id === a.id;
      const other = out ? r.target : r.source;
      return el("li", {}, out ? "→ " : "← ", el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showRelation(r.id); } }, other.name), ` ×${r.count}`);
    })));
  }
  openPanel(
    el("h3", { "data-actor": a.id }, a.name),
    el("dl", {},
      el("dt", {}, "id"), el("dd", {}, a.id),
      el("dt", {}, "kind"), el("dd", {}, (kinds[a.kind] || kinds.OTHER).label),
      el("dt", {}, "country"), el("dd", {}, a.country || "—"),
      el("dt", {}, "Wikidata"), el("dd", {}, a.qid ? el("a", { href: `https://www.wikidata.org/wiki/${encodeURIComponent(a.qid)}`, target: "_blank", rel: "noopener" }, a.qid) : "—"),
      el("dt", {}, "aliases"), el("dd", {}, a.aliases.length ? a.aliases.join(", ") : "—"),
    ),
    el("div", { class: "actions" },
      el("button", { type: "button", onclick: () => expand(a.id) }, "Expand"),
      el("button", { type: "button", onclick: () => { togglePin(a.id); showActor(a.id); } }, pinned ? "Unpin" : "Pin"),
      el("button", { type: "button", onclick: () => removeActor(a.id) }, "Remove"),
      el("button", { type: "button", onclick: () => recentre(a.id) }, "Centre here"),
    ),
    el("h4", {}, `Relations (${a.relations.totalCount})`),
    ...rel,
    el("p", {}, playgroundLink(actorQuery, { id, f: filterOf(view) })),
  );
}

// highlight returns the sentence with the predicate marked: the first place where it occurs,
// ignoring case, or else each of its words.
function highlight(sentence, predicate) {
  const out = el("blockquote");
  const lower = sentence.toLowerCase();
  let ranges = [];
  const i = predicate ? lower.indexOf(predicate.toLowerCase()) : -1;
  if (i >= 0) ranges = [[i, i + predicate.length]];
  else if (predicate) {
    for (const w of predicate.toLowerCase().split(/\s+/).filter((w) => w.length > 2)) {
      const j = lower.indexOf(w);
      if (j >= 0) ranges.push([j, j + w.length]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
  }
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    out.append(sentence.slice(at, s), el("mark", {}, sentence.slice(s, e)));
    at = e;
  }
  out.append(sentence.slice(at));
  return out;
}

async function showRelation(id) {
  const seq = ++panelSeq;
  view.selected = "relation:" + id;
  commit();
  const [source, type, target] = id.split("|");
  const evidenceVars = { s: source, t: target, f: { ...filterOf(view), types: [type] } };
  openPanel(el("p", {}, "Loading…"));
  let d;
  try {
    d = await gql(evidenceQuery, evidenceVars);
  } catch (err) {
    if (seq === panelSeq) openPanel(el("p", { class: "error" }, err.message));
    return;
  }
  if (seq !== panelSeq) return;
  const r = d.relations.nodes.find((n) => n.id === id);
  if (!r) { openPanel(el("p", {}, `No relation ${id} under these filters.`)); return; }
  const date = (t) => (t && new Date(t).getUTCFullYear() > 1 ? t.slice(0, 10) : "undated");
  openPanel(
    el("h3", {}, `${r.source.name} ${r.type} ${r.target.name}`),
    el("dl", {},
      el("dt", {}, "quad"), el("dd", {}, quads[r.quad || "NONE"].label),
      el("dt", {}, "claims"), el("dd", {}, String(r.count)),
      el("dt", {}, "score"), el("dd", {}, r.score.toFixed(2)),
      el("dt", {}, "seen"), el("dd", {}, `${date(r.firstSeen)} – ${date(r.lastSeen)}`),
    ),
    el("h4", {}, `Evidence (${r.evidence.totalCount})`),
    el("ul", { class: "evidence" }, ...r.evidence.nodes.map((c) => el("li", {},
      highlight(c.sentence, c.predicate),
      el("div", { class: "meta" },
        c.negated ? el("span", { class: "negated" }, "negated · ") : null,
        c.article.url ? el("a", { href: c.article.url, target: "_blank", rel: "noopener" }, c.article.title) : c.article.title,
        ` · ${date(c.article.published || c.time)} · ${c.modality.toLowerCase()} · confidence ${c.confidence.toFixed(2)} · `,
        el("a", { href: "#", class: "read-article", onclick: (ev) => { ev.preventDefault(); showArticle(c.article.id, c.start, c.end, id); } }, "read the article"),
      ),
    ))),
    el("p", {}, playgroundLink(evidenceQuery, evidenceVars)),
  );
}

// showArticle opens an article's text with every claim's sentence marked, the one at
// [start, end) (code points) as the current one, scrolled into view; back returns to the
// relation the reader came from.
async function showArticle(articleId, start, end, back) {
  const seq = ++panelSeq;
  const vars = { ids: [articleId] };
  openPanel(el("p", {}, "Loading…"));
  let d;
  try {
    d = await gql(articleQuery, vars);
  } catch (err) {
    if (seq === panelSeq) openPanel(el("p", { class: "error" }, err.message));
    return;
  }
  if (seq !== panelSeq) return;
  const a = d.articles.nodes[0];
  const backLink = el("a", { href: "#", class: "back", onclick: (ev) => { ev.preventDefault(); showRelation(back); } }, "← back to the evidence");
  if (!a) { openPanel(backLink, el("p", {}, `No article ${articleId}.`)); return; }
  const title = a.url ? el("a", { href: a.url, target: "_blank", rel: "noopener" }, a.title) : a.title;
  const head = [backLink, el("h3", { "data-article": a.id }, title),
    el("p", { class: "meta" }, [a.source, a.published ? a.published.slice(0, 10) : "undated", `${a.claims.length} claims`].filter(Boolean).join(" · "))];
  if (a.text === null) {
    openPanel(...head, el("p", {}, "The store has no text for this article: it was loaded before dyad kept texts."),
      el("p", {}, playgroundLink(articleQuery, vars)));
    return;
  }
  // The claims' sentences, one mark per range (several claims may share a sentence), in order.
  const ranges = new Map();
  for (const c of a.claims) {
    const key = `${c.start}:${c.end}`;
    if (!ranges.has(key)) ranges.set(key, { start: c.start, end: c.end, claims: [] });
    ranges.get(key).claims.push(`${c.source.name} ${c.negated ? "not " : ""}${c.type} ${c.target.name} (“${c.predicate}”)`);
  }
  const cps = Array.from(a.text); // offsets count code points
  const body = el("div", { class: "article-text" });
  let at = 0;
  let current = null;
  for (const r of [...ranges.values()].sort((x, y) => x.start - y.start || x.end - y.end)) {
    if (r.start < at || r.start >= cps.length) continue; // overlapping, or past the text shown
    const isCurrent = r.start === start && r.end === end;
    const mark = el("mark", { class: isCurrent ? "claim current" : "claim", title: r.claims.join("\n") }, cps.slice(r.start, r.end).join(""));
    body.append(cps.slice(at, r.start).join(""), mark);
    if (isCurrent) current = mark;
    at = r.end;
  }
  body.append(cps.slice(at).join(""));
  const more = a.textLength > cps.length ? el("p", { class: "meta" }, `The first ${cps.length} of ${a.textLength} characters.`) : null;
  openPanel(...head, body, more, el("p", {}, playgroundLink(articleQuery, vars)));
  if (current) current.scrollIntoView({ block: "center" });
}

function restoreSelection() {
  const sel = view.selected;
  if (!sel || !panel.hidden) return;
  if (sel.startsWith("actor:")) {
    const id = sel.slice(6);
    cy.getElementById("n:" + id).select();
    showActor(id);
  } else if (sel.startsWith("relation:")) {
    const id = sel.slice(9);
    cy.getElementById("e:" + id).select();
    showRelation(id);
  }
}

// ---- Actions on actors ---------------------------------------------------------------------

function expand(id) {
  if (view.centres.includes(id)) return;
  view.centres.push(id);
  load();
}

function togglePin(id) {
  const n = cy.getElementById("n:" + id);
  if (view.pins[id]) {
    delete view.pins[id];
    n.unlock();
    n.removeClass("pinned");
  } else {
    view.pins[id] = { ...n.position() };
    n.lock();
    n.addClass("pinned");
  }
  commit();
}

function removeActor(id) {
  if (!view.removed.includes(id)) view.removed.push(id);
  view.centres = view.centres.filter((c) => c !== id);
  delete view.pins[id];
  view.selected = "";
  closePanel();
  if (!view.centres.length) { cy.elements().remove(); load(); return; }
  commit();
  draw(false);
}

function recentre(id) {
  view.centres = [id];
  view.removed = [];
  view.pins = {};
  view.selected = "";
  closePanel();
  commit(true);
  load();
}

// The actor the last click landed on: the first click of a double-click opens its panel, which
// may narrow the graph, or cover it, and take the actor from under the pointer before the
// second click.
let lastTap = { actor: "", at: 0 };
cy.on("tap", "node", (ev) => {
  lastTap = { actor: ev.target.data("actor"), at: Date.now() };
  showActor(lastTap.actor);
});
// A double-click expands the actor under the pointer, or the one its first click landed on.
// The browser's own dblclick event decides what a double-click is (timed when the clicks
// happened, so a busy page still sees one); Cytoscape's dbltap serves touch screens.
cy.on("dbltap", "node", (ev) => expand(ev.target.data("actor")));
document.addEventListener("dblclick", (ev) => {
  if (!cy.container().contains(ev.target)) {
    // the panel that the first click opened may now lie under the pointer
    if (lastTap.actor && Date.now() - lastTap.at < 1000) expand(lastTap.actor);
    return;
  }
  const box = cy.container().getBoundingClientRect();
  const pan = cy.pan();
  const zoom = cy.zoom();
  const x = (ev.clientX - box.left - pan.x) / zoom;
  const y = (ev.clientY - box.top - pan.y) / zoom;
  const hit = cy.nodes().filter((n) => {
    const b = n.boundingBox({ includeLabels: false });
    return x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2;
  });
  if (hit.nonempty()) expand(hit[0].data("actor"));
  else if (lastTap.actor && Date.now() - lastTap.at < 1000) expand(lastTap.actor);
});
cy.on("tap", "edge", (ev) => showRelation(ev.target.data("relation")));
cy.on("mouseover", "edge", (ev) => ev.target.addClass("hover"));
cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
cy.on("tap", (ev) => { if (ev.target === cy) { view.selected = ""; commit(); } });
cy.on("dragfree", "node", (ev) => {
  const id = ev.target.data("actor");
  if (view.pins[id]) { view.pins[id] = { ...ev.target.position() }; commit(); }
});

// ---- Share and export ----------------------------------------------------------------------

$("share").addEventListener("click", async () => {
  commit();
  const url = window.location.href;
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch { /* not allowed here: show the link instead */ }
  const box = el("input", { id: "share-box", type: "text", readonly: "", value: url, "aria-label": "link to this view" });
  openPanel(el("h3", {}, "Link to this view"), el("p", {}, copied ? "Copied to the clipboard:" : "Copy this link:"), box);
  box.select();
});

function download(name, type, content) {
  const a = el("a", { href: URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type })), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// shown is the subgraph on screen: the actors and relations drawn, with what the server said of them.
function shown() {
  const actors = cy.nodes().map((n) => data.actors.get(n.data("actor"))).filter(Boolean);
  const relations = cy.edges().map((e) => data.relations.get(e.data("relation"))).filter(Boolean);
  return { actors, relations };
}

function baseName() {
  return "dyad-" + (view.centres.join("+") || "view").replace(/[^\w+-]+/g, "_");
}

$("export-png").addEventListener("click", () => {
  download(baseName() + ".png", "image/png", cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }));
});

$("export-json").addEventListener("click", () => {
  const { actors, relations } = shown();
  const doc = {
    view: { ...view, filter: filterOf(view), url: window.location.href },
    nodes: actors,
    edges: relations.map((r) => ({ ...r, source: r.source.id, target: r.target.id })),
  };
  download(baseName() + ".json", "application/json", JSON.stringify(doc, null, 2));
});

const xml = (s) => String(s ?? "").replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

$("export-graphml").addEventListener("click", () => {
  const { actors, relations } = shown();
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="country" for="node" attr.name="country" attr.type="string"/>',
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="quad" for="edge" attr.name="quad" attr.type="string"/>',
    '  <key id="count" for="edge" attr.name="count" attr.type="int"/>',
    '  <key id="score" for="edge" attr.name="score" attr.type="double"/>',
    '  <key id="firstSeen" for="edge" attr.name="firstSeen" attr.type="string"/>',
    '  <key id="lastSeen" for="edge" attr.name="lastSeen" attr.type="string"/>',
    '  <graph id="dyad" edgedefault="directed">',
  ];
  for (const a of actors) {
    lines.push(`    <node id="${xml(a.id)}"><data key="name">${xml(a.name)}</data><data key="kind">${xml(a.kind)}</data>` +
      (a.country ? `<data key="country">${xml(a.country)}</data>` : "") + "</node>");
  }
  for (const r of relations) {
    lines.push(`    <edge id="${xml(r.id)}" source="${xml(r.source.id)}" target="${xml(r.target.id)}">` +
      `<data key="type">${xml(r.type)}</data>` + (r.quad ? `<data key="quad">${xml(r.quad)}</data>` : "") +
      `<data key="count">${r.count}</data><data key="score">${r.score}</data>` +
      `<data key="firstSeen">${xml(r.firstSeen)}</data><data key="lastSeen">${xml(r.lastSeen)}</data></edge>`);
  }
  lines.push("  </graph>", "</graphml>", "");
  download(baseName() + ".graphml", "application/graphml+xml", lines.join("\n"));
});

// ---- Start ---------------------------------------------------------------------------------

window.addEventListener("popstate", () => {
  view = readView(window.location.search);
  closePanel();
  cy.elements().remove();
  load();
});

buildTypeFilters();
load();
if (!view.centres.length) search.focus();
