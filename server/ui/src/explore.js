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

// The quads, told apart by colour and by line: colours from the Okabe–Ito palette, which
// colour-blind readers can tell apart (cooperation blue, conflict orange), and verbal relations
// dashed, material ones solid.
const quads = {
  VERBAL_COOPERATION: { color: "#56b4e9", line: "dashed", label: "verbal cooperation" },
  MATERIAL_COOPERATION: { color: "#0072b2", line: "solid", label: "material cooperation" },
  VERBAL_CONFLICT: { color: "#e69f00", line: "dashed", label: "verbal conflict" },
  MATERIAL_CONFLICT: { color: "#d55e00", line: "solid", label: "material conflict" },
  NONE: { color: "#8d95a3", line: "dotted", label: "affiliation" },
};
const quadOf = (q) => quads[q || "NONE"] || quads.NONE;

// The relation types by quad, as the server's one vocabulary table (relationTypes) gives them:
// filled by loadVocabulary before anything is drawn.
let typesByQuad = {};
let allTypes = [];
let ploverTypes = [];
let quadOfType = new Map();

async function loadVocabulary() {
  const d = await gql("query Vocabulary { relationTypes { type quad cameo cooperation } }");
  typesByQuad = Object.fromEntries(Object.keys(quads).map((q) => [q, []]));
  for (const t of d.relationTypes) (typesByQuad[t.quad || "NONE"] ||= []).push(t.type);
  allTypes = d.relationTypes.map((t) => t.type);
  quadOfType = new Map(d.relationTypes.map((t) => [t.type, t.quad || "NONE"]));
  ploverTypes = d.relationTypes.filter((t) => t.quad).map((t) => t.type);
}

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
    open: list("open"),
    path: p.get("path") || "", // FROM~TO~N: the Nth path found from one actor to another, shown
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
  if (v.open.length) p.set("open", v.open.join(","));
  if (v.path) p.set("path", v.path);
  const pins = Object.entries(v.pins).map(([id, pos]) => `${id}@${Math.round(pos.x)}:${Math.round(pos.y)}`);
  if (pins.length) p.set("pin", pins.join(","));
  if (v.selected) p.set("selected", v.selected);
  const q = p.toString().replaceAll("%2C", ",").replaceAll("%7C", "|").replaceAll("%40", "@").replaceAll("%3A", ":").replaceAll("%7E", "~");
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

let view = null; // read from the URL once the vocabulary is known

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
        "line-color": (e) => quadOf(e.data("quad")).color,
        "target-arrow-color": (e) => quadOf(e.data("quad")).color,
        "line-style": (e) => quadOf(e.data("quad")).line,
        "line-dash-pattern": [7, 4],
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.9,
        "curve-style": "bezier",
        opacity: 0.85,
        label: "",
      },
    },
    { selector: "edge:selected", style: { "overlay-color": "#1d2330", "overlay-opacity": 0.2, "overlay-padding": 3, label: "data(type)", "font-size": 10, "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.9 } },
    { selector: "edge.hover", style: { label: "data(label)", "font-size": 10, "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.9, "z-index": 20 } },
    // Few enough relations to read: each says its type (and claims) along its line.
    { selector: "edge.labelled", style: { label: "data(label)", "font-size": 8, "min-zoomed-font-size": 7, "text-rotation": "autorotate", color: "#39404f", "text-background-color": "#fbfbfc", "text-background-opacity": 0.85, "text-background-padding": 1 } },
    // A group of a hub's lesser neighbours, drawn as one actor until expanded.
    { selector: "node.group", style: { shape: "round-rectangle", "background-color": "#e9ecf2", "border-width": 2, "border-style": "dashed", "border-color": "#6a7285", label: "data(name)", "text-valign": "center", "text-margin-y": 0, "font-size": 13, "min-zoomed-font-size": 0, "text-outline-width": 0, width: "label", height: 26, padding: 8 } },
    { selector: "edge.group", style: { "line-color": "#8d95a3", "target-arrow-color": "#8d95a3", "line-style": "dotted", label: "data(label)", "font-size": 8, color: "#5d6578" } },
    // A path between two actors, found by the path finder; the rest fades.
    { selector: ".faded", style: { opacity: 0.15 } },
    { selector: "node.path", style: { "border-width": 4, "border-color": "#cc79a7", opacity: 1 } },
    { selector: "edge.path", style: { width: (e) => Math.max(4, e.data("width")), opacity: 1, label: "data(label)", "font-size": 10, "z-index": 30 } },
  ],
});
window.dyadExplorer = { cy, view: () => view }; // for the browser test and the console

function edgeWidth(count) {
  return Math.min(14, 1.2 + 2.2 * Math.log2(count));
}

// data is what the server sent for the current view: actors and relations by id, and the dates
// that the claims span without the time filter.
let data = { actors: new Map(), relations: new Map(), dates: null, truncated: false, stars: [] };

let loadSeq = 0;

// STAR_LIMIT is how many of a centre's neighbours one hop brings, strongest first; HUB_TOP how
// many of them are drawn one by one: the rest are drawn as groups by kind, each expandable, so
// that a hub with thousands of relations draws as a few dozen actors.
const STAR_LIMIT = 200;
const HUB_TOP = 40;
// HUB_AMONG is how many relations among a hub's neighbours are drawn, the best-attested first:
// forty busy actors may share well over a thousand relations, which would bury the hub's own
// and take a second or more to lay out and paint.
const HUB_AMONG = 150;
// HUB_PAIR is how many relations of one pair of actors a hub view draws, the best-attested
// first: two busy actors may hold twenty relations of different types and directions, drawn as
// a fan of curves that hides the rest and costs most of the drawing time. The actor's panel
// lists them all.
const HUB_PAIR = 3;

async function load({ relayout = true } = {}) {
  commit();
  syncControls();
  if (!view.centres.length) {
    cy.elements().remove();
    data = { actors: new Map(), relations: new Map(), dates: null, truncated: false, stars: [] };
    drawTimeline(null);
    setStatus("Search an actor to start.");
    return;
  }
  const seq = ++loadSeq;
  setStatus("Loading…");
  // One request per centre, each within the server's complexity limit, sent together: the
  // neighbourhood under the filter, and the dates its claims span without the time filter (for
  // the slider). One hop asks for the centre's strongest neighbours (`neighbors`, ranked by
  // claim count, with the relations among them), so that a busy actor brings the 200 actors it
  // deals with most rather than 500 taken by id; more hops walk the `neighborhood`. Without a
  // time filter both halves would be the same, and the neighbourhood's own relations give the
  // dates: the second half is left out, which halves what a hub sends.
  const edgeFields = "id type quad count score firstSeen lastSeen source { id } target { id }";
  const timed = JSON.stringify(filterOf(view)) !== JSON.stringify(filterOf(view, false));
  const requests = view.centres.map((id, i) => {
    const hops = i === 0 ? view.hops : 1;
    const vars = timed ? "$a: ID!, $f: RelationFilter, $fb: RelationFilter" : "$a: ID!, $f: RelationFilter";
    const query = hops === 1
      ? `query Explore(${vars}) {
    n: neighbors(actor: $a, filter: $f, limit: ${STAR_LIMIT}, among: false) {
      truncated totalCount center { ${actorFields} } nodes { actor { ${actorFields} } } edges { ${edgeFields} } }
    ${timed ? `d: neighbors(actor: $a, filter: $fb, limit: ${STAR_LIMIT}, among: false) { edges { firstSeen lastSeen } }` : ""} }`
      : `query Explore(${vars}) {
    n: neighborhood(actor: $a, hops: ${hops}, filter: $f, limit: 500) {
      truncated nodes { distance actor { ${actorFields} } } edges { ${edgeFields} } }
    ${timed ? `d: neighborhood(actor: $a, hops: ${hops}, filter: $fb, limit: 500) { edges { firstSeen lastSeen } }` : ""} }`;
    const variables = { a: id, f: filterOf(view) };
    if (timed) variables.fb = filterOf(view, false);
    return gql(query, variables).then((answer) => {
      if (!answer.d) answer.d = answer.n;
      if (answer.n.center) {
        // a star: the centre at distance 0, its neighbours at 1, strongest first
        answer.star = { centre: id, ids: answer.n.nodes.map((node) => node.actor.id), total: answer.n.totalCount };
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
  const stars = [];
  for (const answer of answers) {
    if (answer.star) stars.push(answer.star);
    else truncated ||= answer.n.truncated;
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
  // Relations among the actors drawn: between different centres' neighbourhoods, and, for a
  // star (which brings only the centre's own relations), among the neighbours drawn one by one
  // (the strongest, those of opened groups, those on a path), the 1000 strongest at most (a
  // hub's HUB_AMONG), so
  // that a hub whose neighbours all deal with each other does not bring tens of thousands.
  let among = null;
  let amongLimit = 1000;
  if (view.centres.length > 1 && actors.size <= 1000) among = [...actors.keys()];
  else if (stars.length) {
    if (stars.some((st) => st.ids.length > HUB_TOP)) amongLimit = HUB_AMONG;
    const ids = new Set(view.centres);
    for (const st of stars) {
      st.ids.forEach((id, i) => {
        if (i < HUB_TOP || view.open.includes(`${st.centre}:${actors.get(id)?.kind || "OTHER"}`)) ids.add(id);
      });
    }
    for (const id of pathActors()) ids.add(id);
    // A hub's own relations came with its star: ask only for those among its neighbours.
    if (amongLimit === HUB_AMONG && view.centres.length === 1) ids.delete(view.centres[0]);
    among = [...ids].slice(0, 1000);
  }
  let amongCut = null;
  if (among && among.length > 1) {
    try {
      const between = await gql(`query Between($ids: [ID!], $f: RelationFilter) {
        relations(between: $ids, filter: $f, first: ${amongLimit}) { totalCount nodes { ${edgeFields} } } }`,
      { ids: among, f: filterOf(view) });
      if (seq !== loadSeq) return;
      for (const e of between.relations.nodes) relations.set(e.id, e);
      if (between.relations.totalCount > amongLimit) amongCut = { shown: amongLimit, total: between.relations.totalCount };
    } catch (err) {
      setStatus(err.message, true);
    }
  }
  data = {
    actors, relations, truncated, stars, amongCut,
    dates: lo <= hi ? { lo: Math.floor(lo / DAY), hi: Math.floor(hi / DAY) } : null,
  };
  draw(relayout);
}

// hubGroups decides which of a star's neighbours are drawn one by one (its HUB_TOP strongest,
// the centres, and the members of groups the view opened) and which as a group of their kind:
// it returns the group key of each grouped actor.
function hubGroups() {
  const grouped = new Map();
  const top = new Set(view.centres);
  for (const star of data.stars) star.ids.slice(0, HUB_TOP).forEach((id) => top.add(id));
  for (const id of pathActors()) top.add(id);
  for (const star of data.stars) {
    for (const id of star.ids.slice(HUB_TOP)) {
      const a = data.actors.get(id);
      const key = `${star.centre}:${a?.kind || "OTHER"}`;
      if (!top.has(id) && !grouped.has(id) && !view.open.includes(key)) grouped.set(id, key);
    }
  }
  return grouped;
}

// draw puts the data on the canvas under the view's client-side filters (minimum count, removed
// actors, a hub's lesser neighbours grouped), keeping the positions of actors already shown.
function draw(relayout) {
  const removed = new Set(view.removed);
  const grouped = hubGroups();
  const groups = new Map(); // key -> { centre, kind, members, count, quads }
  const edges = [];
  for (const e of data.relations.values()) {
    if (e.count < view.minCount || removed.has(e.source.id) || removed.has(e.target.id)) continue;
    const gs = grouped.get(e.source.id);
    const gt = grouped.get(e.target.id);
    if (!gs && !gt) { edges.push(e); continue; }
    // A relation of a grouped actor counts towards its group's line to the centre, if it is one.
    const key = gs || gt;
    const centre = key.slice(0, key.lastIndexOf(":"));
    const other = gs ? e.target.id : e.source.id;
    if (gs && gt || other !== centre) continue;
    const g = groups.get(key) || { centre, kind: key.slice(key.lastIndexOf(":") + 1), members: new Set(), count: 0 };
    g.members.add(gs ? e.source.id : e.target.id);
    g.count += e.count;
    groups.set(key, g);
  }
  const pairCut = data.stars.some((st) => st.ids.length > HUB_TOP) ? strongestPerPair(edges, HUB_PAIR, pathRelations()) : 0;
  const linked = new Set(view.centres);
  for (const e of edges) { linked.add(e.source.id); linked.add(e.target.id); }
  const actors = [...data.actors.values()].filter((a) => linked.has(a.id) && !removed.has(a.id) && !grouped.has(a.id));
  const degree = new Map();
  for (const e of edges) {
    degree.set(e.source.id, (degree.get(e.source.id) || 0) + e.count);
    degree.set(e.target.id, (degree.get(e.target.id) || 0) + e.count);
  }
  const keep = new Set([...actors.map((a) => "n:" + a.id), ...edges.map((e) => "e:" + e.id)]);
  for (const key of groups.keys()) { keep.add("g:" + key); keep.add("ge:" + key); }
  let added = 0;
  const place = (id, near) => view.pins[id] || (near ? { x: near.x + (Math.random() - 0.5) * 80, y: near.y + (Math.random() - 0.5) * 80 } : { x: Math.random() * 400, y: Math.random() * 400 });
  cy.batch(() => {
    cy.elements().forEach((el) => { if (!keep.has(el.id())) el.remove(); });
    for (const a of actors) {
      const size = 16 + Math.min(30, 5 * Math.log2(1 + (degree.get(a.id) || 0)));
      const nd = { id: "n:" + a.id, actor: a.id, name: a.name, kind: a.kind, country: a.country, size, distance: a.distance ?? 1 };
      const existing = cy.getElementById(nd.id);
      if (existing.nonempty()) {
        existing.data(nd);
      } else {
        cy.add({ group: "nodes", data: nd, position: place(a.id, nearestShown(a.id, edges)) });
        added++;
      }
    }
    for (const e of edges) {
      const ed = {
        id: "e:" + e.id, relation: e.id, source: "n:" + e.source.id, target: "n:" + e.target.id,
        type: e.type, quad: e.quad || "NONE", count: e.count, score: e.score, width: edgeWidth(e.count),
        label: `${e.type.toLowerCase()} ×${e.count}`,
      };
      const existing = cy.getElementById(ed.id);
      if (existing.nonempty()) existing.data(ed);
      else cy.add({ group: "edges", data: ed });
    }
    for (const [key, g] of groups) {
      const kindLabel = (kinds[g.kind] || kinds.OTHER).label;
      const gd = { id: "g:" + key, group: key, name: `${g.members.size} more: ${kindLabel} (expand)`, kind: g.kind, size: 24, distance: 1 };
      const existing = cy.getElementById(gd.id);
      if (existing.nonempty()) existing.data(gd);
      else {
        const c = cy.getElementById("n:" + g.centre);
        cy.add({ group: "nodes", data: gd, classes: "group", position: place("g:" + key, c.nonempty() ? c.position() : null) });
        added++;
      }
      const ged = { id: "ge:" + key, group: key, source: "n:" + g.centre, target: "g:" + key, count: g.count,
        width: edgeWidth(g.count), label: `×${g.count}`, quad: "NONE" };
      const ge = cy.getElementById(ged.id);
      if (ge.nonempty()) ge.data(ged);
      else cy.add({ group: "edges", data: ged, classes: "group" });
    }
    cy.nodes().forEach((n) => {
      const id = n.data("actor");
      if (!id) return;
      n.toggleClass("centre", view.centres.includes(id));
      const pin = view.pins[id];
      n.toggleClass("pinned", !!pin);
      if (pin) { n.unlock(); n.position(pin); n.lock(); } else n.unlock();
    });
    cy.edges().not(".group").toggleClass("labelled", edges.length <= 80);
  });
  const big = cy.nodes().length > bigGraph;
  cy.style().selector("node").style("min-zoomed-font-size", big ? 12 : 7)
    .selector("edge").style({ "curve-style": big ? "straight" : "bezier", opacity: big ? 0.5 : 0.85 }).update();
  let groupedShown = 0;
  for (const g of groups.values()) groupedShown += g.members.size;
  let text = `${actors.length} actors, ${edges.length} relations`;
  if (groups.size) text += `; ${groupedShown} more in ${groups.size} groups`;
  const cut = data.stars.filter((st) => st.total > st.ids.length);
  if (cut.length) text += `; the ${STAR_LIMIT} strongest of ${cut.map((st) => st.total).join(", ")} neighbours`;
  if (pairCut) text += `; ${pairCut} weaker relations of busy pairs left out (an actor's panel lists all)`;
  if (data.amongCut) text += `; the ${data.amongCut.shown} best of ${data.amongCut.total} relations among them`;
  if (data.truncated) text += " (truncated at 500 actors per centre)";
  setStatus(text + liveNote);
  liveNote = "";
  if (relayout && (added > 0 || cy.nodes().length < 2)) runLayout(added === cy.nodes().length);
  syncDates();
  restoreSelection();
  highlightPath();
  loadTimeline(edges);
  follow();
}

// strongestPerPair keeps in edges (in place) the n best-attested relations of each pair of
// actors, either direction, and those whose ids are in always, and returns how many it left out.
function strongestPerPair(edges, n, always) {
  const kept = new Map();
  const order = [...edges].sort((x, y) => y.count - x.count);
  const keep = new Set(edges.filter((e) => always.has(e.id)));
  for (const e of order) {
    if (keep.has(e)) continue;
    const pair = e.source.id < e.target.id ? e.source.id + "\n" + e.target.id : e.target.id + "\n" + e.source.id;
    const k = kept.get(pair) || 0;
    if (k < n) { keep.add(e); kept.set(pair, k + 1); }
  }
  const before = edges.length;
  const remaining = edges.filter((e) => keep.has(e));
  edges.length = 0;
  edges.push(...remaining);
  return before - edges.length;
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
  // A hub seen alone: the centre in the middle, its strongest neighbours around it, the groups
  // of the rest outside; drawn at once, without a force layout's seconds.
  const hub = view.centres.length === 1 && data.stars.length === 1 && data.stars[0].ids.length > HUB_TOP;
  const options = hub ? {
    name: "preset",
    positions: hubPositions(),
    animate: false,
    fit: true,
    padding: 30,
  } : n > bigGraph ? {
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

// hubPositions places a hub seen alone on two ellipses shaped like the canvas: its neighbours
// drawn one by one around it, strongest first from the top, clockwise, just far enough apart
// for their names, and the groups of the rest on an outer ellipse. (Cytoscape's concentric
// layout spaces every ring by the widest node, a group's label, which shrank the picture until
// no name was readable.)
function hubPositions() {
  const centre = view.centres[0];
  const rank = new Map(data.stars[0].ids.map((id, i) => [id, i]));
  const actors = cy.nodes().filter((node) => node.data("actor") && node.data("actor") !== centre)
    .sort((x, y) => (rank.get(x.data("actor")) ?? 1e9) - (rank.get(y.data("actor")) ?? 1e9));
  const groups = cy.nodes(".group");
  const box = cy.container().getBoundingClientRect();
  const aspect = Math.min(2.2, Math.max(1, box.width / Math.max(1, box.height)));
  // An ellipse of radii (a·r, r) has about 2π·r·√((a²+1)/2) of perimeter.
  const perimeter = (r) => 2 * Math.PI * r * Math.sqrt((aspect * aspect + 1) / 2);
  const spacing = 64; // an actor and its name
  let r = 120;
  while (perimeter(r) < actors.length * spacing) r += 10;
  let outer = r + 110;
  const widest = groups.reduce((w, g) => Math.max(w, g.width()), 0);
  while (perimeter(outer) < groups.length * (widest + 30)) outer += 10;
  const at = (i, count, radius, turn = 0) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * (i + turn)) / Math.max(1, count);
    return { x: aspect * radius * Math.cos(angle), y: radius * Math.sin(angle) };
  };
  const positions = { ["n:" + centre]: { x: 0, y: 0 } };
  actors.forEach((node, i) => { positions[node.id()] = at(i, actors.length, r); });
  groups.forEach((node, i) => { positions[node.id()] = at(i, groups.length, outer, 0.5); });
  return (node) => positions[node.id()] || node.position();
}

// ---- Status --------------------------------------------------------------------------------

function setStatus(text, error = false) {
  const s = $("status");
  s.textContent = text;
  s.title = text; // the whole of it, when the bar cuts it off
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
    view.open = [];
    view.path = "";
    view.pins = {};
    cy.elements().remove();
  }
  view.selected = "";
  closePanel();
  commit(true);
  load();
}

// ---- Filters -------------------------------------------------------------------------------

// quadSwatch draws a quad's line as the graph draws it: its colour and its dashes.
function quadSwatch(quad) {
  const q = quadOf(quad);
  const dash = { dashed: "7 4", dotted: "2 3", solid: "" }[q.line];
  const span = document.createElement("span");
  span.className = "swatch";
  span.innerHTML = `<svg width="28" height="8" viewBox="0 0 28 8" aria-hidden="true"><line x1="1" y1="4" x2="27" y2="4" stroke="${q.color}" stroke-width="3" ${dash ? `stroke-dasharray="${dash}"` : ""}/></svg>`;
  return span;
}

function buildTypeFilters() {
  const box = $("types");
  for (const [quad, types] of Object.entries(typesByQuad)) {
    const head = document.createElement("div");
    head.className = "quad-group";
    head.append(quadSwatch(quad), quadOf(quad).label);
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
    evidence(filter: $f, first: 50) { totalCount nodes { sentence predicate cameo quad negated modality confidence time start end
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
      el("dt", {}, "quad"), el("dd", {}, quadOf(r.quad).label),
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
        ` · ${date(c.article.published || c.time)} · ${c.modality.toLowerCase()} · confidence ${c.confidence.toFixed(2)}` +
          (c.quad ? ` · CAMEO ${c.cameo}, ${quadOf(c.quad).label}` : "") + " · ",
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
  view.open = [];
  view.path = "";
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
  if (ev.target.data("group")) { openGroup(ev.target.data("group")); return; }
  lastTap = { actor: ev.target.data("actor"), at: Date.now() };
  showActor(lastTap.actor);
});
// A double-click expands the actor under the pointer, or the one its first click landed on.
// The browser's own dblclick event decides what a double-click is (timed when the clicks
// happened, so a busy page still sees one); Cytoscape's dbltap serves touch screens.
cy.on("dbltap", "node", (ev) => { if (ev.target.data("actor")) expand(ev.target.data("actor")); });
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
  const hit = cy.nodes().filter((n) => n.data("actor")).filter((n) => {
    const b = n.boundingBox({ includeLabels: false });
    return x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2;
  });
  if (hit.nonempty()) expand(hit[0].data("actor"));
  else if (lastTap.actor && Date.now() - lastTap.at < 1000) expand(lastTap.actor);
});
cy.on("tap", "edge", (ev) => {
  if (ev.target.data("group")) openGroup(ev.target.data("group"));
  else showRelation(ev.target.data("relation"));
});
cy.on("mouseover", "edge", (ev) => ev.target.addClass("hover"));
cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
cy.on("tap", (ev) => { if (ev.target === cy) { view.selected = ""; commit(); } });
cy.on("dragfree", "node", (ev) => {
  const id = ev.target.data("actor");
  if (view.pins[id]) { view.pins[id] = { ...ev.target.position() }; commit(); }
});

// ---- Live: the view follows what the server saves -------------------------------------------

// follow keeps one claimAdded subscription (server-sent events) open for the actors drawn under
// the view's filter; when claims arrive, the view reloads, so an open view shows what an ingest
// adds without a click. It subscribes again only when the actors or the filter change.
let live = { key: "", abort: null };
let liveArrived = 0;
let liveTimer = 0;
let liveNote = "";

function follow() {
  const ids = cy.nodes().map((n) => n.data("actor")).filter(Boolean).sort().slice(0, 1000);
  const f = filterOf(view);
  const key = JSON.stringify([ids, f]);
  if (key === live.key) return;
  if (live.abort) live.abort.abort();
  live = { key, abort: null };
  if (!ids.length) return;
  const abort = new AbortController();
  live.abort = abort;
  (async () => {
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({
          query: `subscription Follow($actors: [ID!], $f: RelationFilter) {
            claimAdded(actors: $actors, filter: $f) { claim { id } relation { id } } }`,
          variables: { actors: ids, f },
        }),
        signal: abort.signal,
      });
      document.body.dataset.following = String(ids.length);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (/^event: next/m.test(chunk)) arrived();
        }
      }
    } catch (err) {
      if (!abort.signal.aborted) console.warn("live updates stopped:", err);
    }
    if (live.abort === abort) live.key = ""; // the stream ended: the next draw subscribes again
  })();
}

function arrived() {
  liveArrived++;
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    const n = liveArrived;
    liveArrived = 0;
    document.body.dataset.live = String(Number(document.body.dataset.live || "0") + n);
    liveNote = ` · ${n} new claim${n === 1 ? "" : "s"} just saved`;
    load({ relayout: true });
  }, 600);
}

// ---- Hub groups ----------------------------------------------------------------------------

// openGroup draws a group of a hub's lesser neighbours one by one.
function openGroup(key) {
  if (!view.open.includes(key)) view.open.push(key);
  load({ relayout: true }); // for the relations among its members and the rest
}

// ---- Paths between two actors --------------------------------------------------------------

const pathsQuery = `query Paths($from: ID!, $to: ID!, $max: Int, $f: RelationFilter) {
  paths(from: $from, to: $to, maxHops: $max, limit: 5, filter: $f) { length
    actors { ${actorFields} }
    steps { from { id } to { id } relations { id type quad count score firstSeen lastSeen source { id } target { id } } } }
}`;

// found holds the paths of the last search: for view.path's FROM~TO, the list the server gave.
let found = { key: "", paths: [] };

function pathParts() {
  const [from, to, n] = (view.path || "").split("~");
  return { from, to, n: Math.max(0, parseInt(n || "0", 10) || 0) };
}

// pathActors lists the actors of the path the view shows, if any.
function pathActors() {
  const { from, to, n } = pathParts();
  if (!from || found.key !== `${from}~${to}`) return [];
  return (found.paths[n]?.actors || []).map((a) => a.id);
}

// pathRelations is the set of the ids of the relations of the path the view shows, if any.
function pathRelations() {
  const { from, to, n } = pathParts();
  const ids = new Set();
  if (!from || found.key !== `${from}~${to}`) return ids;
  for (const step of found.paths[n]?.steps || []) for (const r of step.relations) ids.add(r.id);
  return ids;
}

async function findPaths(from, to, maxHops) {
  const d = await gql(pathsQuery, { from, to, max: maxHops, f: filterOf(view) });
  found = { key: `${from}~${to}`, paths: d.paths };
  return d.paths;
}

// showPath puts the Nth path found on the graph (its actors and relations added to the view's
// data) and fades the rest.
function showPath(from, to, n) {
  view.path = `${from}~${to}~${n}`;
  const p = found.paths[n];
  if (!p) return;
  p.actors.forEach((a) => {
    if (!data.actors.has(a.id)) data.actors.set(a.id, { ...a, distance: 1 });
  });
  for (const step of p.steps) for (const r of step.relations) if (!data.relations.has(r.id)) data.relations.set(r.id, r);
  commit();
  draw(true);
}

function clearPath() {
  view.path = "";
  commit();
  cy.elements().removeClass("path faded");
}

// highlightPath marks the path the view shows, once its actors are drawn, finding it first when
// the view came from a link.
function highlightPath() {
  const { from, to, n } = pathParts();
  cy.elements().removeClass("path faded");
  if (!from) return;
  if (found.key !== `${from}~${to}`) {
    findPaths(from, to, 4).then((paths) => { if (paths[n]) showPath(from, to, n); }).catch((err) => setStatus(err.message, true));
    return;
  }
  const p = found.paths[n];
  if (!p) return;
  const ids = new Set(p.actors.map((a) => "n:" + a.id));
  for (const step of p.steps) for (const r of step.relations) ids.add("e:" + r.id);
  cy.elements().forEach((el) => {
    const on = ids.has(el.id());
    el.toggleClass("path", on);
    el.toggleClass("faded", !on);
  });
}

// openPathFinder shows the path finder in the panel: from one of the actors drawn to any actor.
function openPathFinder() {
  const shownActors = cy.nodes().map((n) => n.data("actor")).filter(Boolean);
  const fromSelect = el("select", { id: "path-from", "aria-label": "from" },
    ...[...new Set([...view.centres, ...shownActors])].map((id) => el("option", { value: id }, data.actors.get(id)?.name || id)));
  const toInput = el("input", { id: "path-to", type: "search", list: "path-to-list", autocomplete: "off",
    placeholder: "an actor: Russia, NATO…", "aria-label": "to" });
  const toList = el("datalist", { id: "path-to-list" });
  const hops = el("select", { id: "path-hops", "aria-label": "at most steps" }, ...[1, 2, 3, 4, 5, 6].map((h) => el("option", { value: String(h) }, String(h))));
  hops.value = "4";
  const results = el("div", { id: "path-results" });
  let toMatches = new Map();
  let timer = 0;
  toInput.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = toInput.value.trim();
      if (!q || toMatches.has(q)) return;
      try {
        const d = await gql(`query PathTo($q: String!) { actors(search: $q, first: 8) { nodes { id name } } }`, { q });
        toMatches = new Map(d.actors.nodes.map((a) => [`${a.name} (${a.id})`, a.id]));
        toList.replaceChildren(...[...toMatches.keys()].map((label) => el("option", { value: label })));
      } catch (err) { setStatus(err.message, true); }
    }, 120);
  });
  const form = el("form", { class: "path-form" },
    el("label", {}, "from ", fromSelect), el("label", {}, "to ", toInput, toList),
    el("label", {}, "at most ", hops, " steps"), el("button", { type: "submit" }, "Find paths"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const typed = toInput.value.trim();
    const to = toMatches.get(typed) || (typed.match(/\(([^()]+)\)$/) || [])[1] || typed;
    const from = fromSelect.value;
    if (!to) return;
    results.replaceChildren(el("p", {}, "Looking…"));
    let paths;
    try {
      paths = await findPaths(from, to, Number(hops.value));
    } catch (err) {
      results.replaceChildren(el("p", { class: "error" }, err.message));
      return;
    }
    renderPaths(results, from, to, paths);
    if (paths.length) showPath(from, to, 0);
  });
  openPanel(el("h3", {}, "Paths between two actors"),
    el("p", { class: "hint" }, "The shortest chains of relations under the filters, in either direction, with the claims behind each step."),
    form, results);
}

function renderPaths(box, from, to, paths) {
  if (!paths.length) {
    box.replaceChildren(el("p", { id: "no-path" }, `No path of at most the steps asked from ${from} to ${to} under these filters.`));
    return;
  }
  box.replaceChildren(el("ol", { class: "paths" }, ...paths.map((p, i) => {
    const chain = el("div", { class: "chain" });
    p.actors.forEach((a, j) => {
      chain.append(el("strong", {}, a.name));
      const step = p.steps[j];
      if (!step) return;
      chain.append(" ", ...step.relations.flatMap((r, k) => [k ? ", " : "",
        el("a", { href: "#", class: "step", "data-relation": r.id, title: "The claims behind it",
          onclick: (ev) => { ev.preventDefault(); showRelation(r.id); } },
        `${r.source.id === a.id ? "→" : "←"} ${r.type.toLowerCase()} ×${r.count}`)]), " ");
    });
    return el("li", { "data-path": String(i) }, chain,
      el("button", { type: "button", onclick: () => showPath(from, to, i) }, `Show on the graph (${p.length} steps)`));
  })), el("button", { type: "button", onclick: clearPath }, "Clear the path"));
}

// ---- The timeline: the view's claims per month, by quad ------------------------------------

// TIMELINE_PAIRS bounds the pairs of actors whose claims the chart counts: the strongest pairs
// drawn, each a timeline query of one request.
const TIMELINE_PAIRS = 40;
let timelineSeq = 0;
let timelineData = null;

async function loadTimeline(edges) {
  const seq = ++timelineSeq;
  const pairs = new Map();
  for (const e of edges) {
    if (e.source.id === e.target.id) continue;
    const [a, b] = [e.source.id, e.target.id].sort();
    const k = a + "\u0000" + b;
    pairs.set(k, { a, b, count: (pairs.get(k)?.count || 0) + e.count });
  }
  const top = [...pairs.values()].sort((x, y) => y.count - x.count).slice(0, TIMELINE_PAIRS);
  if (!top.length) { drawTimeline(null); return; }
  const vars = { f: filterOf(view, false) };
  const fields = top.map((p, i) => {
    vars["a" + i] = p.a;
    vars["b" + i] = p.b;
    return `t${i}: timeline(a: $a${i}, b: $b${i}, interval: MONTH, filter: $f) { buckets { start types { type aToB bToA } } }`;
  });
  const decl = top.map((_, i) => `$a${i}: ID!, $b${i}: ID!`).join(", ");
  let d;
  try {
    d = await gql(`query Timeline(${decl}, $f: RelationFilter) {\n${fields.join("\n")}\n}`, vars);
  } catch (err) {
    if (seq === timelineSeq) drawTimeline({ error: err.message });
    return;
  }
  if (seq !== timelineSeq) return;
  const months = new Map();
  for (const t of Object.values(d)) {
    for (const b of t.buckets) {
      const m = b.start.slice(0, 7);
      const row = months.get(m) || {};
      for (const tc of b.types) {
        const q = quadOfType.get(tc.type) || "NONE";
        row[q] = (row[q] || 0) + tc.aToB + tc.bToA;
      }
      months.set(m, row);
    }
  }
  drawTimeline({ months, pairs: top.length, allPairs: pairs.size });
}

const monthStart = (m) => `${m}-01`;
function monthEnd(m) {
  const [y, mo] = m.split("-").map(Number);
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10); // day 0 of the next month
}
function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

// drawTimeline draws the chart: a stacked bar per month, quads in the graph's colours; dragging
// across it (or clicking a month) sets the view's time range, as the slider does.
function drawTimeline(info) {
  timelineData = info;
  const box = $("timeline");
  const caption = $("timeline-caption");
  const svg = $("timeline-chart");
  svg.replaceChildren();
  if (!info || info.error || !info.months.size) {
    caption.textContent = info?.error ? `Timeline: ${info.error}` : "Timeline: no dated claims in the view.";
    box.dataset.months = "0";
    return;
  }
  const keys = [...info.months.keys()].sort();
  const all = monthsBetween(keys[0], keys[keys.length - 1]);
  const order = ["MATERIAL_CONFLICT", "VERBAL_CONFLICT", "VERBAL_COOPERATION", "MATERIAL_COOPERATION", "NONE"];
  const totals = all.map((m) => order.reduce((n, q) => n + (info.months.get(m)?.[q] || 0), 0));
  const maxTotal = Math.max(1, ...totals);
  const W = svg.clientWidth || 800;
  const H = 70;
  const bw = W / all.length;
  const ns = "http://www.w3.org/2000/svg";
  const add = (tag, attrs, parent = svg) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    parent.append(e);
    return e;
  };
  svg.setAttribute("viewBox", `0 0 ${W} ${H + 14}`);
  const since = view.since ? view.since.slice(0, 7) : null;
  const until = view.until ? view.until.slice(0, 7) : null;
  if (since || until) {
    const i0 = since ? Math.max(0, all.indexOf(since)) : 0;
    const i1 = until ? (all.indexOf(until) >= 0 ? all.indexOf(until) : all.length - 1) : all.length - 1;
    add("rect", { class: "brush", x: i0 * bw, y: 0, width: (i1 - i0 + 1) * bw, height: H });
  }
  all.forEach((m, i) => {
    let y = H;
    const g = add("g", { "data-month": m });
    const title = add("title", {}, g);
    title.textContent = `${m}: ` + order.filter((q) => info.months.get(m)?.[q]).map((q) => `${info.months.get(m)[q]} ${quadOf(q).label}`).join(", ");
    for (const q of order) {
      const n = info.months.get(m)?.[q] || 0;
      if (!n) continue;
      const h = (n / maxTotal) * (H - 4);
      y -= h;
      add("rect", { x: i * bw + 0.5, y, width: Math.max(1, bw - 1), height: h, fill: quadOf(q).color, "data-quad": q }, g);
    }
  });
  const every = Math.max(1, Math.ceil(all.length / 12));
  all.forEach((m, i) => {
    if (i % every === 0) add("text", { x: i * bw + 1, y: H + 11, class: "tick" }).textContent = m;
  });
  const total = totals.reduce((a, b) => a + b, 0);
  caption.textContent = `Claims per month by quad: ${total} between the ${info.pairs} strongest pairs of actors drawn` +
    (info.allPairs > info.pairs ? ` (of ${info.allPairs} pairs)` : "") + ". Drag across months to set the time range.";
  box.dataset.months = String(all.length);
  box.dataset.first = all[0];
  box.dataset.last = all[all.length - 1];
}

// The brush: press on a month, drag, release; the months covered become the time range.
(function brush() {
  const svg = $("timeline-chart");
  let from = -1;
  const monthAt = (ev) => {
    if (!timelineData?.months?.size) return -1;
    const keys = [...timelineData.months.keys()].sort();
    const all = monthsBetween(keys[0], keys[keys.length - 1]);
    const box = svg.getBoundingClientRect();
    const i = Math.floor(((ev.clientX - box.left) / box.width) * all.length);
    return Math.max(0, Math.min(all.length - 1, i));
  };
  const months = () => {
    const keys = [...timelineData.months.keys()].sort();
    return monthsBetween(keys[0], keys[keys.length - 1]);
  };
  svg.addEventListener("pointerdown", (ev) => {
    from = monthAt(ev);
    if (from >= 0) svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointerup", (ev) => {
    if (from < 0) return;
    const to = monthAt(ev);
    const all = months();
    const [i0, i1] = [Math.min(from, to), Math.max(from, to)];
    from = -1;
    view.since = i0 === 0 && i1 === all.length - 1 ? "" : monthStart(all[i0]);
    view.until = i0 === 0 && i1 === all.length - 1 ? "" : monthEnd(all[i1]) + "T23:59:59Z";
    load();
  });
})();

$("timeline-clear").addEventListener("click", () => { view.since = ""; view.until = ""; load(); });
$("find-path").addEventListener("click", openPathFinder);

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

function baseName() {
  return "dyad-" + (view.centres.join("+") || "view").replace(/[^\w+-]+/g, "_");
}

$("export-png").addEventListener("click", () => {
  download(baseName() + ".png", "image/png", cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }));
});

// Downloads go through exportURL, as any client's would: the actors drawn (a group's members
// left out) and the relations among them under the view's filter, in the formats and with the
// field names of dyad export. A table comes with its datapackage.json.
$("download").addEventListener("change", async () => {
  const select = $("download");
  const format = select.value;
  select.value = "";
  if (!format) return;
  const ids = cy.nodes().map((n) => n.data("actor")).filter(Boolean);
  if (!ids.length) { setStatus("Nothing to download: search an actor first.", true); return; }
  try {
    const d = await gql(`query Download($format: ExportFormat!, $actors: [ID!], $f: RelationFilter) {
      exportURL(format: $format, actors: $actors, filter: $f) }`, { format, actors: ids, f: filterOf(view) });
    const url = new URL(d.exportURL, endpoint);
    fetchDownload(url);
    if (format === "EVENTS_CSV" || format === "EVENTS_JSONL" || format === "RELATIONS_CSV") {
      fetchDownload(new URL(url.pathname.replace(/export$/, "export/datapackage") + url.search, url));
    }
  } catch (err) {
    setStatus(err.message, true);
  }
});

// fetchDownload saves a file of the server under the name it gives (Content-Disposition).
function fetchDownload(url) {
  const a = el("a", { href: url.toString(), download: "" });
  document.body.append(a);
  a.click();
  setTimeout(() => a.remove(), 1000);
}

// ---- Start ---------------------------------------------------------------------------------

window.addEventListener("popstate", () => {
  view = readView(window.location.search);
  closePanel();
  cy.elements().remove();
  load();
});

async function start() {
  try {
    await loadVocabulary();
  } catch (err) {
    setStatus("The server's relation types could not be read: " + err.message, true);
    return;
  }
  view = readView(window.location.search);
  buildTypeFilters();
  load();
  if (!view.centres.length) search.focus();
}
start();
