// The graph page's behaviour: draw the graph from the embedded JSON, and
// search, filter, highlight and explain it. Every text from the graph is
// put in the page with textContent, never as HTML.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("newskg-data").textContent);
  const byId = (id) => document.getElementById(id);
  const precomputed = data.layout === "precomputed";
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';
  const DIM_NODE = { background: "#eef0f2", border: "#d6dadf" };
  const DIM_TEXT = "#c3c9cf";
  const DIM_EDGE = "#eceef0";
  const NODE_SIZE = [9, 34]; // radius in canvas units, fewest to most facts
  const LABEL_PX = [12, 16]; // label height on screen, fewest to most facts
  const HIDDEN_LABEL = 0.5; // a font size vis-network never draws (below its drawThreshold)
  const EDGE_LABEL_PX = 11; // relation labels on lines, once lines are long enough to hold them
  const EDGE_LABEL_ROOM = 90; // typical line length on screen (px) from which they are shown

  const typeInfo = new Map(data.types.map((t) => [t.name, t]));
  const relationInfo = new Map(data.relations.map((r) => [r.name, r]));
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const incident = new Map(data.nodes.map((n) => [n.id, []]));
  data.edges.forEach((e) => {
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });

  const labelSize = new Map(); // node id -> font size in canvas units, set by declutter()
  const values = data.nodes.map((n) => n.facts + 1);
  const [minValue, maxValue] = [Math.min(...values), Math.max(...values)];
  // 0..1 by log(facts): hubs stand out without dwarfing everyone else
  const weight = (value) => (maxValue === minValue ? 0.5 : Math.log(value / minValue) / Math.log(maxValue / minValue));

  const state = {
    types: new Set(typeInfo.keys()),
    relations: new Set(relationInfo.keys()),
    article: -1,
    lowConfidence: true,
    articleNodes: null,
  };

  // ---- small DOM helpers ------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "className") node.className = v;
      else node.setAttribute(k, v);
    });
    children.flat(Infinity).forEach((c) => {
      if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    });
    return node;
  }
  const SVG = "http://www.w3.org/2000/svg"; // an XML namespace name, never fetched
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }
  function darker(hex) {
    const n = parseInt(hex.slice(1), 16);
    const f = (v) => Math.round(v * 0.7).toString(16).padStart(2, "0");
    return "#" + f(n >> 16) + f((n >> 8) & 255) + f(n & 255);
  }
  function shapeIcon(type, size) {
    const info = typeInfo.get(type);
    const s = size || 14;
    const c = s / 2;
    const r = s / 2 - 1.5;
    const box = svg("svg", { width: s, height: s, viewBox: `0 0 ${s} ${s}`, "aria-hidden": "true" });
    const paint = { fill: info.color, stroke: darker(info.color), "stroke-width": 1 };
    const polygon = (points) => svg("polygon", { ...paint, points: points.map((p) => p.join(",")).join(" ") });
    const around = (k, phase, radius) =>
      Array.from({ length: k }, (_, i) => {
        const a = phase + (2 * Math.PI * i) / k;
        return [c + (radius || r) * Math.cos(a), c + (radius || r) * Math.sin(a)];
      });
    let shape;
    switch (info.shape) {
      case "square": shape = svg("rect", { ...paint, x: 1.5, y: 1.5, width: s - 3, height: s - 3 }); break;
      case "triangle": shape = polygon(around(3, -Math.PI / 2)); break;
      case "triangleDown": shape = polygon(around(3, Math.PI / 2)); break;
      case "diamond": shape = polygon(around(4, -Math.PI / 2)); break;
      case "hexagon": shape = polygon(around(6, 0)); break;
      case "star":
        shape = polygon(Array.from({ length: 10 }, (_, i) => {
          const a = -Math.PI / 2 + (Math.PI * i) / 5;
          const radius = i % 2 ? r * 0.45 : r;
          return [c + radius * Math.cos(a), c + radius * Math.sin(a)];
        }));
        break;
      default: shape = svg("circle", { ...paint, cx: c, cy: c, r: r });
    }
    box.append(shape);
    return box;
  }
  function lineIcon(relation) {
    const info = relationInfo.get(relation);
    const box = svg("svg", { width: 30, height: 10, viewBox: "0 0 30 10", "aria-hidden": "true" });
    box.append(svg("line", {
      x1: 1, y1: 5, x2: info.arrows ? 23 : 29, y2: 5, stroke: info.color, "stroke-width": 2,
      "stroke-dasharray": info.dashes ? "4 3" : "none",
    }));
    if (info.arrows) box.append(svg("polygon", { points: "22,1 29,5 22,9", fill: info.color }));
    return box;
  }
  function articleLabel(index) {
    const a = data.articles[index];
    if (!a) return "unknown article";
    return [a.title || a.path, a.outlet, a.published].filter(Boolean).join(" · ");
  }
  function formatConfidence(value) {
    return value.toFixed(2);
  }

  // ---- what the network draws -------------------------------------------
  function nodeItem(n, dim) {
    const info = typeInfo.get(n.type);
    return {
      id: n.id,
      color: dim ? DIM_NODE : {
        background: info.color, border: darker(info.color),
        highlight: { background: info.color, border: "#111" },
        hover: { background: info.color, border: "#111" },
      },
      font: { color: dim ? DIM_TEXT : "#1b1f23", size: labelSize.get(n.id) || HIDDEN_LABEL },
    };
  }
  function edgeItem(e, dim) {
    const info = relationInfo.get(e.relation);
    return {
      id: e.id,
      color: { color: dim ? DIM_EDGE : info.color, highlight: info.color, hover: info.color, opacity: e.low ? 0.7 : 1 },
      font: { color: dim ? "rgba(0,0,0,0)" : "#3a3f44", strokeWidth: dim ? 0 : 3 },
    };
  }
  const parallelIndex = new Map();
  function smoothFor(e) {
    const pair = e.from < e.to ? `${e.from}-${e.to}` : `${e.to}-${e.from}`;
    const k = parallelIndex.get(pair) || 0;
    parallelIndex.set(pair, k + 1);
    if (k === 0) return precomputed ? { enabled: false } : { enabled: true, type: "continuous", roundness: 0.2 };
    const clockwise = (e.from < e.to) === (k % 2 === 1);
    return { enabled: true, type: clockwise ? "curvedCW" : "curvedCCW", roundness: 0.18 * Math.ceil(k / 2) };
  }
  const nodes = new vis.DataSet(data.nodes.map((n) => {
    const info = typeInfo.get(n.type);
    const item = {
      ...nodeItem(n, false), label: n.label, shape: info.shape, value: n.facts + 1,
    };
    if (precomputed) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  const edges = new vis.DataSet(data.edges.map((e) => ({
    ...edgeItem(e, false),
    from: e.from, to: e.to,
    label: relationInfo.get(e.relation).label + (e.low ? " (?)" : ""),
    dashes: e.low || relationInfo.get(e.relation).dashes,
    arrows: { to: { enabled: relationInfo.get(e.relation).arrows, scaleFactor: 0.55 } },
    smooth: smoothFor(e),
  })));

  function nodeVisible(n) {
    return state.types.has(n.type) && (state.articleNodes === null || state.articleNodes.has(n.id));
  }
  function edgeVisible(e) {
    return state.relations.has(e.relation) && (state.lowConfidence || !e.low) &&
      (state.article < 0 || e.articles.includes(state.article)) &&
      nodeVisible(nodeById.get(e.from)) && nodeVisible(nodeById.get(e.to));
  }
  const nodeView = new vis.DataView(nodes, { filter: (item) => nodeVisible(nodeById.get(item.id)) });
  const edgeView = new vis.DataView(edges, { filter: (item) => edgeVisible(edgeById.get(item.id)) });

  const options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 100 },
    physics: precomputed ? { enabled: false } : {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: {
        gravitationalConstant: -200, centralGravity: 0.012, springLength: 170,
        springConstant: 0.05, damping: 0.5, avoidOverlap: 0.8,
      },
      minVelocity: 1,
      stabilization: { enabled: true, iterations: 500, updateInterval: 25, fit: true },
    },
    interaction: {
      hover: true, tooltipDelay: 80, hideEdgesOnDrag: precomputed, hideEdgesOnZoom: precomputed,
      multiselect: false, keyboard: false,
    },
    nodes: {
      borderWidth: 1.5,
      font: { face: FONT, size: 14, strokeWidth: 4, strokeColor: "#ffffff" },
      scaling: {
        min: NODE_SIZE[0], max: NODE_SIZE[1],
        customScalingFunction: (min, max, total, value) => weight(value),
        label: { enabled: false, maxVisible: 40, drawThreshold: 6 },
      },
    },
    edges: {
      width: 1.4, selectionWidth: 1.2, hoverWidth: 0.8,
      font: { face: FONT, size: HIDDEN_LABEL, align: "middle", strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6, maxVisible: 40 } },
    },
  };

  const container = byId("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.newskg = { network, nodes: nodeView, edges: edgeView, layout: data.layout, stableMs: null };

  // ---- labels: readable at every zoom, never on top of each other -------------
  // vis-network scales labels with the zoom, so a big graph seen whole is
  // a grey smear of text. Instead, after each zoom or pan, labels are sized
  // to a fixed height on screen and placed greedily, selection first, then
  // most facts first; a label that would overlap one already placed is not
  // drawn until the reader zooms in.
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = `100px ${FONT}`;
  const labelWidth = new Map(data.nodes.map((n) => [n.id, measure.measureText(n.label).width / 100]));
  let dimmedNodes = null; // ids not highlighted while something is selected
  let declutterTimer = 0;
  function declutter() {
    clearTimeout(declutterTimer);
    const scale = network.getScale();
    const width = container.clientWidth;
    const height = container.clientHeight;
    const positions = network.getPositions(nodeView.getIds());
    const cells = new Map();
    const CELL = 80;
    const cellKeys = (b) => {
      const keys = [];
      for (let x = Math.floor(b[0] / CELL); x <= Math.floor(b[2] / CELL); x++) {
        for (let y = Math.floor(b[1] / CELL); y <= Math.floor(b[3] / CELL); y++) keys.push(`${x},${y}`);
      }
      return keys;
    };
    const free = (b) => cellKeys(b).every((k) => !(cells.get(k) || []).some((o) =>
      b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]));
    const order = dimmedNodes ? [...data.nodes.filter((n) => !dimmedNodes.has(n.id)), ...data.nodes] : data.nodes;
    const placed = new Set();
    const changes = [];
    order.forEach((n) => {
      if (placed.has(n.id)) return;
      placed.add(n.id);
      let size = HIDDEN_LABEL;
      if (positions[n.id]) {
        const w = weight(n.facts + 1);
        const px = LABEL_PX[0] + w * (LABEL_PX[1] - LABEL_PX[0]);
        const p = network.canvasToDOM(positions[n.id]);
        const top = p.y + (NODE_SIZE[0] + w * (NODE_SIZE[1] - NODE_SIZE[0])) * scale + 2;
        const half = (labelWidth.get(n.id) * px) / 2 + 3;
        const box = [p.x - half, top, p.x + half, top + px + 3];
        if (box[2] > 0 && box[0] < width && box[3] > 0 && box[1] < height && free(box)) {
          cellKeys(box).forEach((k) => { if (!cells.has(k)) cells.set(k, []); cells.get(k).push(box); });
          size = px / scale;
        }
      }
      if (labelSize.get(n.id) !== size) {
        labelSize.set(n.id, size);
        changes.push(nodeItem(n, dimmedNodes !== null && dimmedNodes.has(n.id)));
      }
    });
    if (changes.length) nodes.update(changes);
    const edgeSize = typicalEdge() * scale >= EDGE_LABEL_ROOM ? EDGE_LABEL_PX / scale : HIDDEN_LABEL;
    if (edgeSize !== edgeLabelSize) {
      edgeLabelSize = edgeSize;
      network.setOptions({ edges: { font: { size: edgeSize } } });
    }
  }
  let edgeLabelSize = null;
  let edgeLength = null;
  function typicalEdge() { // median line length in canvas units, measured once laid out
    if (edgeLength === null) {
      const p = network.getPositions();
      const lengths = data.edges.filter((e) => p[e.from] && p[e.to])
        .map((e) => Math.hypot(p[e.from].x - p[e.to].x, p[e.from].y - p[e.to].y)).sort((a, b) => a - b);
      edgeLength = lengths.length ? lengths[Math.floor(lengths.length / 2)] : 0;
    }
    return edgeLength;
  }
  function declutterSoon() {
    clearTimeout(declutterTimer);
    declutterTimer = setTimeout(declutter, 120);
  }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("animationFinished", declutter);
  network.on("resize", declutterSoon);

  // ---- legend and filters -------------------------------------------------
  function checkRow(icon, text, count, checked, onChange) {
    const box = el("input", { type: "checkbox" });
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    return el("label", { className: "check" }, box, icon, el("span", {}, text), el("span", { className: "count" }, count.toLocaleString()));
  }
  const typeFilter = byId("type-filter");
  data.types.forEach((t) => typeFilter.append(checkRow(shapeIcon(t.name), t.name, t.count, true, (on) => {
    if (on) state.types.add(t.name); else state.types.delete(t.name);
    applyFilters();
  })));
  const relationFilter = byId("relation-filter");
  data.relations.forEach((r) => relationFilter.append(checkRow(lineIcon(r.name), r.label, r.count, true, (on) => {
    if (on) state.relations.add(r.name); else state.relations.delete(r.name);
    applyFilters();
  })));
  if (data.relations.some((r) => r.dashes) || data.edges.some((e) => e.low)) {
    relationFilter.append(el("p", { className: "meta" }, "Dashed: not a member, joining, or low confidence. Arrows point from subject to object."));
  }
  const articleSelect = byId("article");
  articleSelect.append(el("option", { value: "-1" }, `All ${data.articles.length.toLocaleString()} articles`));
  data.articles.forEach((a, i) => articleSelect.append(el("option", { value: String(i) }, articleLabel(i))));
  articleSelect.addEventListener("change", () => { state.article = Number(articleSelect.value); applyFilters(); });
  const lowBox = byId("low-confidence");
  if (!data.edges.some((e) => e.low)) lowBox.parentElement.hidden = true;
  lowBox.addEventListener("change", () => { state.lowConfidence = lowBox.checked; applyFilters(); });
  byId("reset").addEventListener("click", () => {
    state.types = new Set(typeInfo.keys());
    state.relations = new Set(relationInfo.keys());
    state.article = -1;
    state.lowConfidence = true;
    document.querySelectorAll("#controls input[type=checkbox]").forEach((b) => { b.checked = true; });
    articleSelect.value = "-1";
    applyFilters();
    network.fit({ animation: { duration: 400 } });
  });

  function applyFilters() {
    // entities shown again come back where they were (network.storePositions
    // would fail on the entities a filter already hides)
    const positions = network.getPositions(); // all drawn so far, before the view filters anew
    nodes.update(Object.entries(positions).map(([id, p]) => ({ id: Number(id), x: p.x, y: p.y })));
    if (state.article < 0) {
      state.articleNodes = null;
    } else {
      state.articleNodes = new Set();
      data.edges.forEach((e) => {
        if (e.articles.includes(state.article)) { state.articleNodes.add(e.from); state.articleNodes.add(e.to); }
      });
    }
    nodeView.refresh();
    edgeView.refresh();
    const shown = network.getSelectedNodes().filter((id) => nodeVisible(nodeById.get(id)));
    if (selection && selection.node !== undefined && !shown.length) clearSelection();
    declutter();
    updateCount();
  }
  function updateCount() {
    byId("visible-count").textContent =
      `Showing ${nodeView.length.toLocaleString()} of ${data.nodes.length.toLocaleString()} entities, ` +
      `${edgeView.length.toLocaleString()} of ${data.edges.length.toLocaleString()} facts.`;
  }

  // ---- selection, neighbourhood highlight, details panel --------------------
  let selection = null;
  function highlight(nodeIds, edgeIds) {
    dimmedNodes = new Set(data.nodes.filter((n) => !nodeIds.has(n.id)).map((n) => n.id));
    nodes.update(data.nodes.map((n) => nodeItem(n, dimmedNodes.has(n.id))));
    edges.update(data.edges.map((e) => edgeItem(e, !edgeIds.has(e.id))));
    declutter();
  }
  function unhighlight() {
    if (dimmedNodes === null) return;
    dimmedNodes = null;
    nodes.update(data.nodes.map((n) => nodeItem(n, false)));
    edges.update(data.edges.map((e) => edgeItem(e, false)));
    declutter();
  }
  function selectNode(id) {
    const facts = incident.get(id);
    selection = { node: id };
    highlight(new Set([id, ...facts.flatMap((e) => [e.from, e.to])]), new Set(facts.map((e) => e.id)));
    network.selectNodes([id]);
    showNode(nodeById.get(id));
  }
  function selectEdge(id) {
    const e = edgeById.get(id);
    selection = { edge: id };
    highlight(new Set([e.from, e.to]), new Set([id]));
    network.selectEdges([id]);
    showEdge(e);
  }
  function clearSelection() {
    selection = null;
    unhighlight();
    network.unselectAll();
    byId("details").hidden = true;
  }
  network.on("click", (p) => {
    hideTooltip();
    if (p.nodes.length) selectNode(p.nodes[0]);
    else if (p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") clearSelection(); });

  function entityButton(id) {
    const n = nodeById.get(id);
    const button = el("button", { type: "button", className: "entity-link", title: `${n.type}: show ${n.label}` }, n.label);
    button.addEventListener("click", () => jumpTo(n));
    return button;
  }
  function evidenceList(e, limit) {
    const items = limit ? e.evidence.slice(0, limit) : e.evidence;
    const out = items.map((ev) => el("div", {},
      el("blockquote", {}, data.sentences[ev.sentence]),
      el("div", { className: "source" }, articleLabel(ev.article), ` · confidence ${formatConfidence(ev.confidence)} · ${ev.extractor}`)));
    if (limit && e.evidence.length > limit) {
      out.push(el("div", { className: "meta" }, `+${e.evidence.length - limit} more: click the line to read them all.`));
    }
    return out;
  }
  function factHead(e, withLinks) {
    const subject = withLinks ? entityButton(e.from) : el("b", {}, nodeById.get(e.from).label);
    const object = withLinks ? entityButton(e.to) : el("b", {}, nodeById.get(e.to).label);
    const arrow = relationInfo.get(e.relation).arrows ? " → " : " — ";
    return el("div", { className: "fact-head" }, subject,
      el("span", { className: "relation" }, `${arrow}${relationInfo.get(e.relation).label}${arrow}`), object);
  }
  function factMeta(e) {
    const articles = e.articles.length;
    return el("div", { className: "meta" },
      `confidence ${formatConfidence(e.confidence)}${e.low ? " (low, not in the graph's triples)" : ""} · ` +
      `${e.evidence.length} ${e.evidence.length === 1 ? "sentence" : "sentences"} in ${articles} ${articles === 1 ? "article" : "articles"}`);
  }
  function openPanel(...children) {
    const panel = byId("details");
    const close = el("button", { type: "button", className: "close", "aria-label": "Close" }, "×");
    close.addEventListener("click", clearSelection);
    panel.replaceChildren(close, ...children.flat(Infinity));
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function showNode(n) {
    const rows = [el("dt", {}, "type"), el("dd", {}, n.type)];
    if (n.aliases.length) rows.push(el("dt", {}, "also"), el("dd", {}, n.aliases.join("; ")));
    if (/^Q[0-9]+$/.test(n.qid)) {
      rows.push(el("dt", {}, "Wikidata"), el("dd", {},
        el("a", { href: `https://www.wikidata.org/wiki/${n.qid}`, target: "_blank", rel: "noopener noreferrer" }, n.qid)));
    }
    rows.push(el("dt", {}, "IRI"), el("dd", {}, el("code", {}, n.iri)));
    Object.entries(n.attributes).forEach(([k, v]) => rows.push(el("dt", {}, k.replace(/_/g, " ")), el("dd", {}, v)));
    const facts = incident.get(n.id).slice().sort((a, b) =>
      (a.from === n.id ? 0 : 1) - (b.from === n.id ? 0 : 1) || a.relation.localeCompare(b.relation));
    openPanel(
      el("h2", {}, shapeIcon(n.type, 16), n.label),
      el("dl", {}, rows),
      el("h3", {}, facts.length ? `${facts.length} ${facts.length === 1 ? "fact" : "facts"}` : "No facts drawn"),
      facts.map((e) => el("div", { className: "fact" + (edgeVisible(e) ? "" : " hidden-by-filter") },
        factHead(e, true), factMeta(e), evidenceList(e))));
  }
  function showEdge(e) {
    openPanel(el("h2", {}, "Fact"), factHead(e, true), factMeta(e), el("h3", {}, "Evidence"), evidenceList(e));
  }

  // ---- hover tooltips --------------------------------------------------------
  const tooltip = byId("tooltip");
  function showTooltip(children, pointer) {
    tooltip.replaceChildren(...children.flat(Infinity));
    tooltip.hidden = false;
    const area = byId("graph-area").getBoundingClientRect();
    const x = Math.min(pointer.x + 14, area.width - tooltip.offsetWidth - 8);
    const y = pointer.y + 14 + tooltip.offsetHeight > area.height ? pointer.y - tooltip.offsetHeight - 10 : pointer.y + 14;
    tooltip.style.left = `${Math.max(4, x)}px`;
    tooltip.style.top = `${Math.max(4, y)}px`;
  }
  function hideTooltip() { tooltip.hidden = true; }
  network.on("hoverEdge", (p) => {
    const e = edgeById.get(p.edge);
    showTooltip([factHead(e, false), factMeta(e), ...evidenceList(e, 3)], p.pointer.DOM);
  });
  network.on("hoverNode", (p) => {
    const n = nodeById.get(p.node);
    const count = incident.get(n.id).length;
    showTooltip([el("b", {}, n.label), el("div", { className: "meta" },
      `${n.type} · ${count} ${count === 1 ? "fact" : "facts"}${n.aliases.length ? " · also " + n.aliases.join("; ") : ""}`)], p.pointer.DOM);
  });
  network.on("blurEdge", hideTooltip);
  network.on("blurNode", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  // ---- search ------------------------------------------------------------------
  const names = [];
  const datalist = byId("entity-names");
  const seen = new Set();
  data.nodes.forEach((n) => {
    [n.label, ...n.aliases].forEach((name, i) => {
      names.push({ name: name.toLocaleLowerCase(), node: n, alias: i > 0 });
      if (!seen.has(name)) {
        seen.add(name);
        datalist.append(el("option", { value: name }, i > 0 ? `${n.label} (${n.type})` : n.type));
      }
    });
  });
  function findEntity(query) {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return null;
    const tests = [
      (e) => e.name === q && !e.alias, (e) => e.name === q,
      (e) => e.name.startsWith(q), (e) => e.name.includes(q),
    ];
    for (const test of tests) {
      const hits = names.filter(test);
      if (hits.length) return hits.sort((a, b) => b.node.facts - a.node.facts)[0].node;
    }
    return null;
  }
  function jumpTo(n) {
    const status = byId("search-status");
    if (!nodeVisible(n)) {
      status.textContent = `${n.label} is hidden by the filters; "Show everything" brings it back.`;
      return false;
    }
    status.textContent = "";
    selectNode(n.id);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    return true;
  }
  const searchBox = byId("search");
  byId("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const n = findEntity(searchBox.value);
    if (n) jumpTo(n);
    else byId("search-status").textContent = searchBox.value.trim() ? `No entity matches "${searchBox.value.trim()}".` : "";
  });
  searchBox.addEventListener("input", (event) => {
    // picking a suggestion from the list jumps at once
    if (event.inputType === "insertReplacementText" || event.inputType === undefined) {
      const q = searchBox.value.trim().toLocaleLowerCase();
      const exact = names.find((e) => e.name === q);
      if (exact) jumpTo(exact.node);
    }
  });

  // ---- first drawing ------------------------------------------------------------
  function markStable() {
    network.once("afterDrawing", () => {
      window.newskg.stableMs = performance.now();
      byId("loading").hidden = true;
      document.body.dataset.graphState = "stable";
    });
    network.redraw();
  }
  if (data.nodes.length === 0) {
    byId("loading").textContent = "This build found no entities.";
    window.newskg.stableMs = performance.now();
    document.body.dataset.graphState = "stable";
  } else if (precomputed) {
    network.fit();
    declutter();
    markStable();
  } else {
    network.on("stabilizationProgress", (p) => {
      byId("loading").textContent = `Laying out the graph… ${Math.round((100 * p.iterations) / p.total)}%`;
    });
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      declutter();
      markStable();
    });
  }
  updateCount();
})();
