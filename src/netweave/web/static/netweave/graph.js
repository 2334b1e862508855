/* The network page (ripple/graph.html): draws my ego network with Cytoscape.js at the positions the server
   computed, filters it, highlights a warm path and shows a person on click.

   Kept usable at 5,000 people: no layout runs here (preset positions), no animations, straight "haystack" edges,
   labels only when zoomed in (or on hover, as a tooltip), and edges hidden while panning or zooming.
   For tests and curious users the Cytoscape instance is window.netweaveGraph; #graph carries
   data-state ("loading", "ready", "error"), data-nodes (people drawn) and data-path (person ids highlighted);
   window.netweaveGraphClock says how long the latest load took. */
(function () {
  "use strict";

  var box = document.getElementById("graph");
  if (!box || !window.cytoscape) return;

  var BIG = 800; // above this many people: labels only when zoomed in, edges hidden while moving, no tie to me drawn
  var ME = "#1d2430";
  var ACCENT = "#d9480f";
  var colours = JSON.parse(document.getElementById("graph-colours").textContent);
  var statusLine = document.getElementById("graph-status");
  var tip = document.getElementById("graph-tip");
  var panel = document.getElementById("graph-panel");
  var filters = document.getElementById("graph-filters");
  var pathForm = document.getElementById("graph-path-form");
  var pathBox = document.getElementById("graph-path-to");
  var pathAnswer = document.getElementById("graph-path-answer");
  var clearButton = document.getElementById("graph-path-clear");
  var cy = null;
  var loading = 0; // the latest load; an older answer arriving late is dropped
  // When the latest load asked, was answered, started drawing, had built the graph and drew its first frame (ms
  // since navigation): read by the browser test that measures the page at 5,000 people.
  var clock = {};

  function personUrl(id) {
    return box.dataset.personUrl.replace(/\/0\/$/, "/" + id + "/");
  }

  function edgeId(a, b) {
    return "e" + Math.min(a, b) + "-" + Math.max(a, b);
  }

  function say(text) {
    statusLine.textContent = text;
  }

  function plural(n, one, many) {
    return n.toLocaleString() + " " + (n === 1 ? one : many);
  }

  // ---- drawing -----------------------------------------------------------------------------------------------

  function elements(data, big) {
    var out = [{group: "nodes", data: {id: "0", pid: 0, name: data.me.name, me: true, colour: ME, size: 34},
                position: {x: 0, y: 0}}];
    data.nodes.forEach(function (p) {
      var strength = p.strength === null ? 0 : p.strength;
      out.push({group: "nodes", position: {x: p.x, y: p.y}, data: {
        id: String(p.id), pid: p.id, name: p.name, org: p.org, circle: p.circle, tags: p.tags, strength: p.strength,
        colour: (p.circle && colours.circles[p.circle]) || colours.none, size: 10 + strength / 5}});
      if (!big) {
        out.push({group: "edges", classes: "mine", data: {id: edgeId(0, p.id), source: "0", target: String(p.id),
                                                          weight: p.tie}});
      }
    });
    data.edges.forEach(function (e) {
      out.push({group: "edges", data: {id: edgeId(e[0], e[1]), source: String(e[0]), target: String(e[1]),
                                       weight: e[2]}});
    });
    return out;
  }

  function style(big) {
    return [
      {selector: "node", style: {
        "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
        "label": "data(name)", "font-size": 10, "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 3,
        "min-zoomed-font-size": big ? 12 : 7, "border-width": 0}},
      {selector: "node[?me]", style: {"font-weight": "bold", "min-zoomed-font-size": 0}},
      {selector: "edge", style: {
        "curve-style": "haystack", "haystack-radius": 0, "line-color": "#8fa0b5",
        "width": big ? 1 : "mapData(weight, 0, 1, 0.5, 3)", "opacity": big ? 0.25 : 0.5}},
      {selector: "edge.mine", style: {"line-color": "#c5cedb", "opacity": 0.35}},
      {selector: ":selected", style: {"border-width": 3, "border-color": ACCENT}},
      {selector: ".faded", style: {"opacity": 0.08, "text-opacity": 0}},
      {selector: "node.on-path", style: {
        "opacity": 1, "text-opacity": 1, "border-width": 4, "border-color": ACCENT, "min-zoomed-font-size": 0,
        "font-size": 13, "font-weight": "bold", "text-background-color": "#fff", "text-background-opacity": 0.85,
        "text-background-padding": 2, "z-index": 10}},
      {selector: "edge.on-path", style: {"opacity": 1, "line-color": ACCENT, "width": 5, "z-index": 10}},
      {selector: "node.extra", style: {"border-style": "dashed"}}
    ];
  }

  function draw(data) {
    var big = data.nodes.length > BIG;
    clock.drawing = performance.now();
    if (cy) cy.destroy();
    hidePanel();
    delete box.dataset.path;
    clearButton.hidden = true;
    cy = window.cytoscape({
      container: box, elements: elements(data, big), style: style(big), layout: {name: "preset", fit: true,
                                                                                 padding: 20},
      minZoom: 0.02, maxZoom: 5, boxSelectionEnabled: false, autoungrabify: big, motionBlur: false,
      hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : "auto"
    });
    if (cy.zoom() > 1.6) { // a handful of people would otherwise fill the box with giant discs
      cy.zoom(1.6);
      cy.center();
    }
    window.netweaveGraph = cy;
    clock.built = performance.now();
    cy.one("render", function () {
      clock.ready = performance.now();
      box.dataset.state = "ready";
      box.dataset.nodes = String(data.nodes.length);
    });
    cy.on("tap", "node", function (evt) { showPanel(evt.target); });
    cy.on("dbltap", "node", function (evt) {
      var pid = evt.target.data("pid");
      if (pid) window.location.href = personUrl(pid);
    });
    cy.on("mouseover", "node", function (evt) {
      var at = evt.target.renderedPosition();
      tip.textContent = evt.target.data("name") + (evt.target.data("org") ? " · " + evt.target.data("org") : "");
      tip.style.left = at.x + "px";
      tip.style.top = at.y + "px";
      tip.hidden = false;
    });
    cy.on("mouseout", "node", function () { tip.hidden = true; });
    cy.on("viewport", function () { tip.hidden = true; });
  }

  function describe(data) {
    if (!data.nodes.length) {
      return data.matching ? "Nobody to draw." : "Nobody matches these filters.";
    }
    var text = "Showing " + plural(data.shown, "person", "people");
    if (data.matching > data.shown) text += " of " + data.matching.toLocaleString() + " (the closest)";
    text += " and " + plural(data.edges.length, "tie", "ties") + " among them";
    if (data.truncated && data.matching <= data.shown) text += " (the strongest)";
    return text + ".";
  }

  function load(params) {
    var mine = ++loading;
    clock = window.netweaveGraphClock = {asked: performance.now()};
    box.dataset.state = "loading";
    say("Loading your network…");
    return fetch(box.dataset.graphUrl + "?" + params.toString(), {headers: {Accept: "application/json"},
                                                                  credentials: "same-origin"})
      .then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      })
      .then(function (answer) {
        if (mine !== loading) return;
        if (!answer.ok) {
          box.dataset.state = "error";
          say(Object.values(answer.body.errors || {}).join("; ") || "The network could not be drawn.");
          return;
        }
        clock.answered = performance.now();
        draw(answer.body);
        say(describe(answer.body));
      })
      .catch(function () {
        if (mine !== loading) return;
        box.dataset.state = "error";
        say("The network could not be loaded.");
      });
  }

  function filterParams() {
    var params = new URLSearchParams();
    new FormData(filters).forEach(function (value, key) { if (value) params.set(key, value); });
    return params;
  }

  // ---- a person, clicked -----------------------------------------------------------------------------------

  function field(name) {
    return panel.querySelector("[data-field=" + name + "]");
  }

  function showPanel(node) {
    var d = node.data();
    cy.elements(":selected").unselect();
    node.select();
    field("name").textContent = d.me ? d.name + " (you)" : d.name;
    field("org").textContent = d.org || "—";
    field("strength").textContent = d.me ? "—" : (d.strength === null || d.strength === undefined
      ? "not measured yet" : d.strength + " of 100");
    field("circle").textContent = d.circle || "—";
    field("tags").textContent = (d.tags && d.tags.length) ? d.tags.join(", ") : "—";
    var link = field("link");
    var path = field("path");
    link.hidden = path.hidden = !!d.me;
    if (!d.me) {
      link.href = personUrl(d.pid);
      link.textContent = "Open " + d.name + "’s page";
      path.textContent = "Path to " + d.name;
      path.dataset.person = d.pid;
    }
    panel.dataset.person = String(d.pid);
    panel.hidden = false;
  }

  function hidePanel() {
    panel.hidden = true;
    delete panel.dataset.person;
  }

  // ---- a warm path -----------------------------------------------------------------------------------------

  function clearPath() {
    if (!cy) return;
    cy.batch(function () {
      cy.elements(".extra").remove();
      cy.elements().removeClass("faded on-path");
    });
    delete box.dataset.path;
    clearButton.hidden = true;
  }

  // Highlights person ids `ids` (me, 0, first). People or ties the current drawing leaves out (filtered away, or
  // beyond the ties drawn) are added for the occasion, dashed, beside the path's previous person.
  function highlight(ids, names) {
    clearPath();
    cy.batch(function () {
      cy.elements().addClass("faded");
      ids.forEach(function (id, i) {
        var node = cy.getElementById(String(id));
        if (node.empty()) {
          var prev = cy.getElementById(String(ids[i - 1])).position();
          node = cy.add({group: "nodes", classes: "extra", position: {x: prev.x + 60, y: prev.y - 60}, data: {
            id: String(id), pid: id, name: names[id] || ("#" + id), colour: colours.none, size: 16}});
        }
        node.removeClass("faded").addClass("on-path");
        if (i === 0) return;
        var edge = cy.getElementById(edgeId(ids[i - 1], id));
        if (edge.empty()) {
          edge = cy.add({group: "edges", classes: "extra", data: {
            id: edgeId(ids[i - 1], id), source: String(ids[i - 1]), target: String(id), weight: 1}});
        }
        edge.removeClass("faded").addClass("on-path");
      });
    });
    box.dataset.path = ids.join(",");
    clearButton.hidden = false;
    cy.fit(cy.elements(".on-path"), 60); // no animation: at 5,000 nodes every frame counts
  }

  function showPaths(body) {
    pathAnswer.textContent = "";
    var message = document.createElement("p");
    message.textContent = body.message;
    pathAnswer.appendChild(message);
    if (!body.paths.length) return;
    var list = document.createElement("ol");
    list.className = "graph-paths";
    body.paths.forEach(function (path, n) {
      var item = document.createElement("li");
      var show = document.createElement("button");
      show.type = "button";
      show.className = "link";
      show.textContent = "Path " + (n + 1) + " (score " + path.score.toFixed(2) + ")";
      show.addEventListener("click", function () {
        list.querySelectorAll("li").forEach(function (li) { li.classList.remove("shown"); });
        item.classList.add("shown");
        highlight(path.nodes, body.names);
      });
      item.appendChild(show);
      item.appendChild(document.createTextNode(": you"));
      path.hops.forEach(function (hop) {
        item.appendChild(document.createTextNode(" → "));
        var a = document.createElement("a");
        a.href = personUrl(hop.id);
        a.textContent = hop.name;
        item.appendChild(a);
        if (hop.why) item.appendChild(document.createTextNode(" (" + hop.why + ")"));
      });
      list.appendChild(item);
    });
    pathAnswer.appendChild(list);
    list.firstChild.classList.add("shown");
    highlight(body.paths[0].nodes, body.names);
  }

  function showCandidates(body) {
    pathAnswer.textContent = "";
    var message = document.createElement("p");
    message.className = "error";
    message.textContent = (body.errors && body.errors.to) || "Who do you mean?";
    pathAnswer.appendChild(message);
    if (!body.candidates || !body.candidates.length) return;
    var list = document.createElement("ul");
    list.className = "chips";
    body.candidates.forEach(function (c) {
      var item = document.createElement("li");
      var pick = document.createElement("button");
      pick.type = "button";
      pick.className = "link";
      pick.textContent = c.name + (c.org ? " (" + c.org + ")" : "");
      pick.addEventListener("click", function () { findPath({person: c.id}, c.name); });
      item.appendChild(pick);
      list.appendChild(item);
    });
    pathAnswer.appendChild(list);
  }

  function findPath(query, label) {
    var params = new URLSearchParams(query);
    pathAnswer.textContent = "Looking for the way to " + label + "…";
    return fetch(box.dataset.pathUrl + "?" + params.toString(), {headers: {Accept: "application/json"},
                                                                 credentials: "same-origin"})
      .then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      })
      .then(function (answer) {
        if (!cy) return;
        if (answer.ok) showPaths(answer.body); else showCandidates(answer.body);
      })
      .catch(function () { pathAnswer.textContent = "The path could not be found just now."; });
  }

  // ---- wiring ----------------------------------------------------------------------------------------------

  filters.addEventListener("submit", function (evt) {
    evt.preventDefault();
    var params = filterParams();
    history.replaceState(null, "", params.toString() ? "?" + params.toString() : window.location.pathname);
    pathAnswer.textContent = "";
    clearButton.hidden = true;
    load(params);
  });
  pathForm.addEventListener("submit", function (evt) {
    evt.preventDefault();
    var text = pathBox.value.trim();
    if (text) findPath({to: text}, text);
  });
  clearButton.addEventListener("click", function () {
    clearPath();
    pathAnswer.textContent = "";
  });
  field("path").addEventListener("click", function (evt) {
    var id = evt.currentTarget.dataset.person;
    if (id) findPath({person: id}, panel.querySelector("[data-field=name]").textContent);
  });

  load(filterParams());
})();
