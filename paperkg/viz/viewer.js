/* paperkg graph page: reads the inert JSON block, draws it with vis-network, adds legend, type
 * filters, search and details. Every string from the graph goes into the page as a DOM text node
 * (textContent), never as markup; links are made only for http(s) addresses. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("paperkg-data").textContent);
  var status = document.getElementById("status");
  var progress = document.getElementById("progress");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Maps keyed by strings from the graph have no prototype: a node called "constructor" or
  // "__proto__" is just a key.
  function table() { return Object.create(null); }

  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  /* Tooltip / details content for a node, as DOM elements with text only. */
  function infoElement(node, withLink) {
    var info = node.info || {};
    var box = el("div", "pk-tip");
    box.appendChild(el("div", "pk-type", info.type || node.type));
    box.appendChild(el("div", "pk-heading", info.heading || node.label));
    if (info.excerpt) box.appendChild(el("div", "pk-excerpt", info.excerpt));
    var facts = info.facts || [];
    if (facts.length) {
      var dl = el("dl");
      facts.forEach(function (fact) {
        dl.appendChild(el("dt", null, fact[0]));
        dl.appendChild(el("dd", null, fact[1]));
      });
      box.appendChild(dl);
    }
    var url = safeUrl(info.url);
    if (url) {
      if (withLink) {
        var link = el("a", null, url);
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        var p = el("p");
        p.appendChild(link);
        box.appendChild(p);
      } else {
        box.appendChild(el("div", "pk-type", "double-click to open " + url));
      }
    }
    return box;
  }

  var typeOf = table();
  var shown = table();
  data.legend.forEach(function (entry) { shown[entry.type] = entry.shown; });
  data.nodes.forEach(function (node) {
    typeOf[node.id] = node.type;
    node.title = infoElement(node, false);
  });
  var laidOut = table();  // types whose nodes have positions from a layout
  data.legend.forEach(function (entry) { laidOut[entry.type] = entry.shown; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges.map(function (edge, i) { edge.id = i; return edge; }));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shown[n.type]; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return shown[typeOf[e.from]] && shown[typeOf[e.to]]; }
  });
  // Sizes and labels grow with the logarithm of the number of papers, so mid-sized hubs stay visible;
  // the scale spans at least 1..100 papers, so in a small graph nothing looks like a giant hub.
  data.options.nodes.scaling.customScalingFunction = function (min, max, total, value) {
    return Math.log(Math.max(value, 1)) / Math.log(Math.max(max, 100));
  };
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  var timings = { created: performance.now() };  // milliseconds since navigation start
  network.once("afterDrawing", function () { timings.firstDraw = performance.now(); });
  /* Physics (data.layout): a small page is settled by vis-network before it is shown ("stabilize");
   * a larger one comes laid out from Python and is drawn as it is ("fixed"); one too large for that
   * is drawn at once and relaxes while usable ("relax"). Physics always stops when the layout is
   * stable or its time budget is spent, so the page stays responsive. */
  var budgetMs = Math.min(4000, 1500 + nodeView.length);
  var physicsTimer = null;
  var readyResolve;
  var ready = new Promise(function (resolve) { readyResolve = resolve; });

  function stopPhysics() {
    if (physicsTimer) { clearTimeout(physicsTimer); physicsTimer = null; }
    network.setOptions({ physics: { enabled: false } });
    document.body.dataset.physics = "off";
    progress.hidden = true;
    if (!timings.settled) timings.settled = performance.now();
  }

  function runPhysics(ms) {
    if (physicsTimer) clearTimeout(physicsTimer);
    document.body.dataset.physics = "on";
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilized", stopPhysics);
    physicsTimer = setTimeout(stopPhysics, ms);
    network.startSimulation();
  }

  function markReady() {
    if (document.body.dataset.state === "ready") return;
    timings.ready = performance.now();
    progress.hidden = true;
    if (network.getScale() > 1) network.moveTo({ scale: 1 });  // a small graph: fit, but not magnified
    document.body.dataset.state = "ready";
    if (data.focus) focusNode(data.focus);
    readyResolve();
  }

  network.on("stabilizationProgress", function (p) {
    progress.textContent = "Laying out the graph\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  if (nodeView.length === 0) {
    stopPhysics();
    markReady();
  } else if (data.layout === "stabilize") {
    network.once("stabilizationIterationsDone", function () { markReady(); runPhysics(budgetMs / 2); });
  } else if (data.layout === "fixed") {  // laid out in Python already
    network.once("afterDrawing", function () { stopPhysics(); markReady(); });
  } else {
    progress.hidden = true;
    network.once("afterDrawing", markReady);
    runPhysics(budgetMs);
  }

  /* Remember where drawn nodes are, so hiding and showing a type keeps the layout. */
  function savePositions() {
    var positions = network.getPositions();
    var updates = Object.keys(positions).map(function (id) {
      return { id: id, x: positions[id].x, y: positions[id].y };
    });
    nodes.update(updates);
  }

  function setTypeShown(type, value) {
    if (!(type in shown) || shown[type] === value) return;
    savePositions();
    shown[type] = value;
    var box = document.querySelector('input[data-type="' + CSS.escape(type) + '"]');
    if (box) box.checked = value;
    nodeView.refresh();
    edgeView.refresh();
    if (value && !laidOut[type]) {  // its nodes sit at their seed positions: let them settle
      laidOut[type] = true;
      runPhysics(2000);
    }
  }

  /* Legend with one checkbox per node type; a glyph in the node's colour for each vis shape. */
  var GLYPHS = { dot: "\u25cf", circle: "\u25cf", diamond: "\u25c6", square: "\u25a0", triangle: "\u25b2",
                 triangleDown: "\u25bc", hexagon: "\u2b22", star: "\u2605", box: "\u25ac", ellipse: "\u2b2c" };
  var list = document.getElementById("legend-items");
  data.legend.forEach(function (entry) {
    var item = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = entry.shown;
    box.dataset.type = entry.type;
    box.addEventListener("change", function () { setTypeShown(entry.type, box.checked); });
    var swatch = el("span", "swatch", GLYPHS[entry.shape] || GLYPHS.dot);
    swatch.style.color = entry.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, entry.text));
    label.appendChild(el("span", "count", entry.count.toLocaleString()));
    item.appendChild(label);
    list.appendChild(item);
  });

  /* Search by name or alias: exact (ignoring case and punctuation) first, then a substring. */
  function key(text) {
    var lower = String(text).toLowerCase();
    return lower.replace(/[^0-9a-z]+/g, "") || lower.trim();
  }
  var index = table();
  var names = document.getElementById("search-names");
  var listed = table();
  data.nodes.forEach(function (node) {
    (node.search || [node.label]).forEach(function (name) {
      var k = key(name);
      (index[k] = index[k] || []).push(node.id);
      if (!listed[name] && name.length <= 120) {
        listed[name] = true;
        var option = el("option");
        option.value = name;
        names.appendChild(option);
      }
    });
  });
  var indexKeys = Object.keys(index);

  function weight(id) { var n = nodes.get(id); return n ? n.value || 0 : 0; }
  function best(ids) {
    return ids.slice().sort(function (a, b) { return weight(b) - weight(a) || (a < b ? -1 : 1); })[0];
  }

  function find(text) {
    if (!text) return null;
    if (nodes.get(text)) return text;
    var k = key(text);
    if (!k) return null;
    if (index[k]) return best(index[k]);
    var prefix = [], inside = [];
    indexKeys.forEach(function (name) {
      var at = name.indexOf(k);
      if (at === 0) prefix = prefix.concat(index[name]);
      else if (at > 0) inside = inside.concat(index[name]);
    });
    if (prefix.length) return best(prefix);
    if (inside.length) return best(inside);
    return null;
  }

  var details = document.getElementById("details");
  var detailsBody = document.getElementById("details-body");
  function showDetails(id) {
    var node = nodes.get(id);
    while (detailsBody.firstChild) detailsBody.removeChild(detailsBody.firstChild);
    details.hidden = !node;
    if (node) detailsBody.appendChild(infoElement(node, true));
  }

  function focusNode(text) {
    var id = find(text);
    status.className = "";
    if (!id) {
      status.className = "error";
      status.textContent = "No node named \u201c" + text + "\u201d";
      return null;
    }
    var node = nodes.get(id);
    if (!shown[node.type]) setTypeShown(node.type, true);
    network.selectNodes([id]);
    // frame the node with its neighbours, close enough to read their labels
    network.fit({ nodes: [id].concat(network.getConnectedNodes(id)), minZoomLevel: 0.6, maxZoomLevel: 1.2,
                  animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    status.textContent = node.info && node.info.heading ? node.info.heading : node.label;
    showDetails(id);
    return id;
  }

  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    focusNode(document.getElementById("search").value.trim());
  });

  network.on("click", function (params) {
    showDetails(params.nodes.length ? params.nodes[0] : null);
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    var node = nodes.get(params.nodes[0]);
    var url = node && node.info ? safeUrl(node.info.url) : null;
    if (url) window.open(url, "_blank", "noopener,noreferrer");
  });

  window.paperkg = {
    network: network, timings: timings, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, ready: ready,
    find: find, focusNode: focusNode, setTypeShown: setTypeShown,
    shownTypes: function () { return Object.keys(shown).filter(function (t) { return shown[t]; }); }
  };
})();
