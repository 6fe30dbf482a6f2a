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
  /* Names drawn by the page itself (see "At a glance" below), so they stay readable at any zoom and never
   * overlap: the hubs (data.hubs), then the other nodes most papers link to, entities before papers, up to
   * NAMED nodes. vis-network draws the names of the rest, once zoomed in far enough. */
  var NAMED = 600;
  var hubIds = data.hubs || [];
  var isHub = table();
  hubIds.forEach(function (id) { isHub[id] = true; });
  var namedIds = hubIds.concat(data.nodes.filter(function (node) { return !isHub[node.id] && node.label; })
    .sort(function (a, b) {
      return (a.type === "Paper") - (b.type === "Paper") || (b.value || 0) - (a.value || 0) || (a.id < b.id ? -1 : 1);
    }).map(function (node) { return node.id; })).slice(0, Math.max(NAMED, hubIds.length));
  var isNamed = table();
  namedIds.forEach(function (id) { isNamed[id] = true; });
  var drawnName = table();
  data.nodes.forEach(function (node) {
    if (isNamed[node.id]) { drawnName[node.id] = node.label; node.label = undefined; }
  });
  var laidOut = table();  // types whose nodes have positions from a layout
  data.legend.forEach(function (entry) { laidOut[entry.type] = entry.shown; });

  /* The Python layout is about as tall as wide and the graph pane is wider than tall: stretch it
   * sideways to the pane's shape (at most MAX_STRETCH times), so names get room instead of margins. */
  var MAX_STRETCH = 1.6;
  (function stretchToPane() {
    var pane = document.getElementById("graph"), placed = data.nodes.filter(function (n) { return shown[n.type]; });
    if (placed.length < 3 || !pane.clientHeight) return;
    var xs = placed.map(function (n) { return n.x; }), ys = placed.map(function (n) { return n.y; });
    var wide = Math.max.apply(null, xs) - Math.min.apply(null, xs), tall = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    if (!(wide > 0 && tall > 0)) return;
    var factor = Math.min(MAX_STRETCH, Math.max(1, (pane.clientWidth / pane.clientHeight) / (wide / tall)));
    data.nodes.forEach(function (n) { if (typeof n.x === "number") n.x *= factor; });
  })();
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

  /* At a glance: each named group (data.groups, a community of closely linked nodes) is shaded and its
   * name written above it; the hubs' names are written beside them, most papers first, then the other
   * names, each where it overlaps no name already written (else left out). Sizes are in screen pixels,
   * so they are as readable in the first, zoomed-out view as zoomed in. Canvas text only: nothing here
   * is parsed as markup. */
  var look = data.look || {};
  var groupColours = look.groupColours || ["#4e79a7"];
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

  function groupDiscs() {
    var members = [];
    data.nodes.forEach(function (node) {
      if (node.community === undefined || !shown[node.type]) return;
      (members[node.community] = members[node.community] || []).push(node.id);
    });
    var discs = [];
    members.forEach(function (ids, k) {
      if (!ids || !data.groups[k]) return;
      var positions = network.getPositions(ids), cx = 0, cy = 0;
      ids.forEach(function (id) { cx += positions[id].x; cy += positions[id].y; });
      cx /= ids.length; cy /= ids.length;
      var reach = ids.map(function (id) { return Math.hypot(positions[id].x - cx, positions[id].y - cy); })
        .sort(function (a, b) { return a - b; });
      var radius = reach[Math.floor(0.8 * (reach.length - 1))] + 30;
      discs.push({ x: cx, y: cy, r: radius, name: data.groups[k].name, colour: groupColours[k % groupColours.length] });
    });
    return discs;
  }

  function nodeRadius(id) {
    var body = network.body.nodes[id];
    return body && body.options && body.options.size ? body.options.size : 10;
  }

  var FIRST_HUBS = 12;  // hubs named before the groups are: the rest give way to a group's name
  function hubFontPx(rank) {  // the first hubs a little larger
    return rank < 5 ? 15 : rank < 15 ? 13.5 : 12;
  }

  /* Draw in screen pixels whatever the context's transform (a handler of the same event may have
   * redrawn the network and reset it): x, y from network.canvasToDOM, sizes in CSS pixels. */
  function onScreen(ctx) {
    var ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  var discsNow = [];
  network.on("beforeDrawing", function (ctx) {
    var scale = network.getScale();
    discsNow = groupDiscs().map(function (disc) {
      var p = network.canvasToDOM({ x: disc.x, y: disc.y });
      return { x: p.x, y: p.y, r: disc.r * scale, name: disc.name, colour: disc.colour };
    });
    ctx.save();
    onScreen(ctx);
    ctx.globalAlpha = look.groupOpacity || 0.1;
    discsNow.forEach(function (disc) {
      ctx.fillStyle = disc.colour;
      ctx.beginPath();
      ctx.arc(disc.x, disc.y, disc.r, 0, 2 * Math.PI);
      ctx.fill();
    });
    ctx.restore();
  });

  var widths = table();  // text width by font and text: measured once, not at every frame
  var written = [];  // the names drawn in the last frame: [{text, x, y, px, kind}] in CSS pixels of the canvas
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale(), boxes = [];
    var width = container.clientWidth, height = container.clientHeight;
    written = [];
    /* Write ``text`` at the first of ``spots(w, h)`` (top-centre points, given the text's size) where it
     * overlaps no name already written; false when there is no room. */
    function place(text, spots, px, weight, colour, kind) {
      if (!text) return false;
      var font = weight + " " + px + "px " + FONT, key = font + "\u0000" + text;
      if (ctx.font !== font) ctx.font = font;
      var w = widths[key] || (widths[key] = ctx.measureText(text).width), h = px * 1.25, candidates = spots(w, h);
      for (var c = 0; c < candidates.length; c++) {
        var x = Math.min(Math.max(candidates[c][0], w / 2 + 4), width - w / 2 - 4), y = candidates[c][1];  // inside
        var box = { l: x - w / 2 - 2, r: x + w / 2 + 2, t: y, b: y + h };
        if (box.b < 0 || box.t > height || boxes.some(function (o) {
          return box.l < o.r && o.l < box.r && box.t < o.b && o.t < box.b;
        })) continue;
        boxes.push(box);
        ctx.lineWidth = 4;
        ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.fillStyle = colour;
        ctx.strokeText(text, x, y);
        ctx.fillText(text, x, y);
        written.push({ text: text, x: x, y: y, px: px, kind: kind });
        return true;
      }
      return false;
    }
    ctx.save();
    onScreen(ctx);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var visible = namedIds.filter(function (id) { return shown[typeOf[id]]; });
    var positions = network.getPositions(visible);
    var otherPx = 11 * Math.min(Math.max(scale, 1), 1.3);
    function writeNames(from, to) {
      visible.slice(from, to).forEach(function (id, i) {
        var p = positions[id], rank = from + i, hub = isHub[id];
        if (!p) return;
        var at = network.canvasToDOM(p), r = nodeRadius(id) * scale + 2;
        if (at.x < -r || at.y < -r || at.x > width + r || at.y > height + r) return;  // off screen
        place(drawnName[id], function (w, h) {  // under the node, else above, right, left; a hub a row further too
          var right = at.x + r + 2 + w / 2, left = at.x - r - 2 - w / 2;
          var spots = [[at.x, at.y + r], [at.x, at.y - r - h], [right, at.y - h / 2], [left, at.y - h / 2]];
          return hub ? spots.concat([[at.x, at.y + r + h], [at.x, at.y - r - 2 * h], [right, at.y + h / 2],
                                     [left, at.y + h / 2], [right, at.y - 1.5 * h], [left, at.y - 1.5 * h]]) : spots;
        }, hub ? hubFontPx(rank) : otherPx, hub ? (rank < 5 ? "700" : "600") : "400",
        hub ? "#1b1b1b" : typeOf[id] === "Paper" ? "#707070" : "#333333", hub ? "hub" : "name");
      });
    }
    // the first hubs, then a name per group (above its patch, else inside its bottom edge), the other
    // hubs, then the other names where there is room
    writeNames(0, FIRST_HUBS);
    var px = look.groupFontPx || 15;
    discsNow.forEach(function (disc) {
      var colour = look.groupText || disc.colour;
      place(disc.name, function (w, h) {
        return [[disc.x, Math.max(disc.y - disc.r - h / 2, 2)], [disc.x, disc.y + disc.r - h / 2]];
      }, px, "700", colour, "group");
    });
    writeNames(FIRST_HUBS, visible.length);
    ctx.restore();
  });

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
    written: function () { return written.slice(); },
    shownTypes: function () { return Object.keys(shown).filter(function (t) { return shown[t]; }); }
  };
})();
