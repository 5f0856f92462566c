/*
 * Sahel Atlas map client (no data in this file).
 *
 * The base map script calls SahelAtlas.setup() once per map; every rerun of the app sends the dated
 * layers as one data object to SahelAtlas.show(), which draws them. Text from the data is only ever
 * inserted as text (textContent), links only from http(s) URLs; a layer whose data did not change is
 * kept as it is (with its spiderfied markers and the open popup); the user's layer choices are kept
 * in sessionStorage; a click on a marker, or Enter or Space on a focused one, opens its popup and
 * sends {event, click} to the app through the component's Streamlit channel.
 */
(function () {
  "use strict";

  // Leaflet focuses the map on mousedown (for its keyboard controls), which scrolls the app's page to bring the
  // whole map frame into view when its bottom is off screen: the mouseup then lands elsewhere and the click on
  // a marker is lost. Focus without scrolling (Leaflet 1.9.4's handler otherwise).
  L.Map.Keyboard.include({
    _onMouseDown: function () {
      if (!this._focused) this._map._container.focus({ preventScroll: true });
    },
  });

  var STORE = "sahel-atlas-layers";
  var ORDER = ["boundaries", "water", "places", "tiles", "regimes", "events", "bases", "selected"];
  var state = {
    map: null,
    control: null,
    ids: new Map(), // layer -> stable id (one of ORDER), whatever the language of its name
    layers: {}, // id -> layer in the control
    keys: {}, // parts -> JSON of the data they were drawn from
    cluster: null,
    // {url, loaded: a promise of the catalogue's data, marks: row number -> {row, marker, icon} of the markers shown}
    catalogue: null,
    icons: new Map(), // "size svg" -> L.divIcon, made once
    places: null, // {url: of the catalogue they come from, group, labels: [{marker, latlng, width, shown}]}
    summaries: { summaries: {}, texts: {} }, // what a click on a country says (the regimes part's data)
    countryPopup: null,
    shading: null, // JSON of the regime shading drawn
    rows: {}, // event id -> {row, marker} of the markers shown
    popup: null,
    openId: null,
    texts: null, // the markers' fixed texts ({sources}) for the open popup
    detail: null, // the selected event's {id, text, links}, sent with the selection
    basemap: null, // a promise of static/geo/basemap.json
    quiet: false,
    clicks: 0,
  };

  function stored() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE)) || {};
    } catch (error) {
      return {};
    }
  }

  function remember(id, shown) {
    var choices = stored();
    choices[id] = shown;
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify(choices));
    } catch (error) {
      /* storage refused: the choice lasts until the next swap only */
    }
  }

  function element(tag, value, className) {
    var node = document.createElement(tag);
    if (value !== undefined) node.textContent = String(value);
    if (className) node.className = className;
    return node;
  }

  function safeUrl(value) {
    try {
      var url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function quietly(action) {
    state.quiet = true;
    try {
      action();
    } finally {
      state.quiet = false;
    }
  }

  /* A layer in the control, shown or hidden as the user last chose (else as drawn). */
  function register(id, name, layer, shownByDefault) {
    state.ids.set(layer, id);
    state.layers[id] = layer;
    state.control.addOverlay(layer, name);
    var choice = stored()[id];
    var shown = choice === undefined ? shownByDefault : choice;
    quietly(function () {
      if (shown) state.map.addLayer(layer);
      else state.map.removeLayer(layer);
    });
  }

  function unregister(id) {
    var layer = state.layers[id];
    if (!layer) return;
    delete state.layers[id];
    state.control.removeLayer(layer);
    state.ids.delete(layer);
    quietly(function () {
      state.map.removeLayer(layer);
    });
  }

  /* Tooltip content: a text node, never HTML. */
  function textTooltip(value) {
    return function () {
      return element("div", value);
    };
  }

  /* The popup: the marker's own texts, then, once the app has sent the selection (a click selects the event),
     its description and sources (detail: {id, text, links}). */
  function popupContent(row, texts, detail) {
    var box = element("div", undefined, "sahel-popup");
    box.appendChild(element("strong", row.title));
    box.appendChild(element("div", row.when + " · " + row.kind));
    box.appendChild(element("em", row.actors));
    box.appendChild(element("div", row.place));
    if (!detail || detail.id !== row.id) return box;
    box.appendChild(element("div", detail.text));
    var sources = element("div", texts.sources + " "); // "Sources:" as the language writes it
    detail.links.forEach(function (link, index) {
      var href = safeUrl(link);
      if (!href) return;
      var anchor = element("a", "[" + (index + 1) + "]");
      anchor.href = href;
      anchor.title = new URL(href).hostname; // the site, for a pointer and a screen reader
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
      sources.appendChild(anchor);
      sources.appendChild(document.createTextNode(" "));
    });
    box.appendChild(sources);
    return box;
  }

  function select(row, texts) {
    state.openId = row.id;
    state.texts = texts;
    // never wider than the map (a phone's is about 360 px), with room for Leaflet's margins (about 50 px) and
    // the 24 px it keeps free on either side when it pans a popup into view
    state.popup.options.maxWidth = Math.max(160, Math.min(320, state.map.getSize().x - 110));
    // nor taller: a long description scrolls inside the popup (64 px kept for the buttons above, 56 for the tip)
    state.popup.options.maxHeight = Math.max(160, state.map.getSize().y - 120);
    state.popup
      .setLatLng(state.rows[row.id].marker.getLatLng())
      .setContent(popupContent(row, texts, state.detail))
      .openOn(state.map);
    if (window.Streamlit) {
      state.clicks += 1;
      window.Streamlit.setComponentValue({ event: row.id, click: Date.now() + "." + state.clicks });
    }
  }

  /* A marker made for a catalogue row, kept while the views show it: its icon changes with the view, its tooltip
     is bound when it is first drawn on the map (not while it sits in a cluster), so that many markers cost little. */
  function marker(row) {
    // autoPanOnFocus off: Leaflet 1.9 pans a marker near the edge into view when it takes focus, on mousedown,
    // so the mouseup lands on the moved map and the first click on that marker is lost
    var mark = L.marker([row.lat, row.lng], { keyboard: true, riseOnHover: true, autoPanOnFocus: false });
    mark.on("click", function () {
      select(row, state.texts);
    });
    mark.on("keydown", function (event) {
      var key = event.originalEvent.key;
      if (key === "Enter" || key === " ") {
        event.originalEvent.preventDefault();
        select(row, state.texts);
      }
    });
    mark.on("add", function () {
      if (!mark.getTooltip()) mark.bindTooltip(textTooltip(row.tip), { direction: "top", offset: [0, -8] });
      mark.getElement().setAttribute("aria-label", row.tip);
    });
    return mark;
  }

  /* Catalogue row `index` as {row, marker}: its values by name (data.fields, data.columns), with the texts
     written from them: its tooltip (as sahel_atlas.mapview.tooltip_text writes it), its category and its
     actors' names. */
  function markOf(source, data, index, kept) {
    var mark = source.marks.get(index);
    if (mark) {
      kept.set(index, mark);
      return mark;
    }
    var row = {};
    data.fields.forEach(function (field, position) {
      row[field] = data.columns[position][index];
    });
    row.tip = row.when + " · " + row.title;
    row.kind = data.kinds[row.kind];
    row.actors = row.actors
      .map(function (actor) {
        return data.actors[actor];
      })
      .join(", ");
    mark = { row: row, marker: marker(row), icon: null };
    kept.set(index, mark);
    return mark;
  }

  function divIcon(icon) {
    var key = icon[1] + " " + icon[0];
    if (!state.icons.has(key)) {
      state.icons.set(
        key,
        L.divIcon({
          html: icon[0], // built from the codebook's shapes and colours, never from data
          className: "sahel-marker",
          iconSize: [icon[1], icon[1]],
          iconAnchor: [icon[1] / 2, icon[1] / 2],
        })
      );
    }
    return state.icons.get(key);
  }

  /* The catalogue of every event as a marker, fetched once per address (the browser keeps it: the address
     carries its digest); a new address (the data changed) starts afresh. */
  function catalogue(url) {
    if (!state.catalogue || state.catalogue.url !== url) {
      if (state.catalogue) {
        ["events", "bases"].forEach(function (part) {
          if (state.layers[part]) state.layers[part].clearLayers();
        });
      }
      state.catalogue = {
        url: url,
        marks: new Map(),
        loaded: fetch(url).then(function (response) {
          if (!response.ok) throw new Error("markers " + response.status);
          return response.json();
        }),
      };
    }
    return state.catalogue;
  }

  /* Place names from the catalogue (the record's towns, most events first): labels beside their point, as text, in
     a pane under the markers. Zoomed out, only places with several events are named; a label is shown right of its
     point, else left of it, only where it covers no marker and no label of a busier place, so zooming in names
     more places. */
  var LEAST_EVENTS = [[6, 5], [7, 2]]; // below zoom 6 a place needs 5 events to be named, below 7 two, else one
  // Where a label may go, in order: its box's left and top (px) from the point, for a label `width` px wide and
  // 16 px high; close to the point first, then clear of a cluster bubble (40 px) standing on it.
  var SPOTS = [
    { name: "right", x: function () { return 8; }, y: -8 },
    { name: "left", x: function (width) { return -8 - width; }, y: -8 },
    { name: "farRight", x: function () { return 22; }, y: -8 },
    { name: "farLeft", x: function (width) { return -22 - width; }, y: -8 },
    { name: "above", x: function (width) { return -width / 2; }, y: -38 },
    { name: "below", x: function (width) { return -width / 2; }, y: 22 },
  ];

  function drawPlaces(source, data, name) {
    if (state.places && state.places.url === source.url) return;
    if (state.places) unregister("places");
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = "600 11px sans-serif"; // as .sahel-place
    var group = L.layerGroup();
    var labels = (data.places || []).map(function (place) {
      var width = measure.measureText(place[0]).width + 2;
      var icons = {};
      SPOTS.forEach(function (spot) {
        // the name as text, never HTML; anchored so that the label's box is the spot's
        var anchor = [-spot.x(width), -spot.y];
        icons[spot.name] = L.divIcon({ html: element("span", place[0]), className: "sahel-place", iconSize: null, iconAnchor: anchor });
      });
      var options = { icon: icons.right, interactive: false, keyboard: false, pane: "sahelPlaces" };
      var label = L.marker([place[1], place[2]], options);
      return { marker: label, latlng: label.getLatLng(), width: width, events: place[3], icons: icons, side: null };
    });
    state.places = { url: source.url, group: group, labels: labels };
    register("places", name, group, true);
    declutter();
  }

  function declutter() {
    var places = state.places;
    if (!places || !state.map.hasLayer(places.group)) return;
    var size = state.map.getSize();
    var origin = state.map.getContainer().getBoundingClientRect();
    var icons = state.map.getPane("markerPane").querySelectorAll(".leaflet-marker-icon");
    var taken = Array.prototype.map.call(icons, function (icon) {
      var box = icon.getBoundingClientRect();
      return { left: box.left - origin.left, top: box.top - origin.top, right: box.right - origin.left, bottom: box.bottom - origin.top };
    });
    var zoom = state.map.getZoom();
    var least = (LEAST_EVENTS.find(function (step) { return zoom < step[0]; }) || [0, 1])[1];
    var free = function (box) {
      var inView = box.left >= 0 && box.right <= size.x && box.top >= 0 && box.bottom <= size.y;
      return inView && taken.every(function (other) {
        var apart = box.left > other.right + 3 || box.right + 3 < other.left;
        return apart || box.top > other.bottom || box.bottom < other.top;
      });
    };
    places.labels.forEach(function (label) {
      var point = state.map.latLngToContainerPoint(label.latlng);
      var boxes = {};
      SPOTS.forEach(function (spot) {
        var left = point.x + spot.x(label.width);
        boxes[spot.name] = { left: left, right: left + label.width, top: point.y + spot.y, bottom: point.y + spot.y + 16 };
      });
      var names = SPOTS.map(function (spot) { return spot.name; });
      var side = label.events < least ? null : names.find(function (name) { return free(boxes[name]); });
      if (side) taken.push(boxes[side]);
      if (side === label.side) return;
      if (side && label.side) label.marker.setIcon(label.icons[side]);
      else if (side) places.group.addLayer(label.marker.setIcon(label.icons[side]));
      else places.group.removeLayer(label.marker);
      label.side = side || null;
    });
  }

  /* One cluster for events and bases alike, spiderfied where markers share a place: every marker stays
     reachable at every zoom. Each part is a sub-group, shown or hidden in the layer control. Made once. */
  function clusterOnce(names) {
    if (state.cluster) return;
    state.cluster = L.markerClusterGroup({ maxClusterRadius: 40, spiderfyOnMaxZoom: true });
    state.cluster.on("spiderfied", function (event) {
      // a large spider (Bamako: about 80 markers) is brought whole into view
      var bounds = L.latLngBounds(
        event.markers.map(function (mark) {
          return mark.getLatLng();
        })
      );
      if (!state.map.getBounds().contains(bounds)) state.map.panTo(bounds.getCenter());
    });
    state.cluster.on("animationend", declutter); // labels make room for the markers as they are once clustered
    state.map.addLayer(state.cluster);
    ["events", "bases"].forEach(function (part) {
      register(part, names[part], L.featureGroup.subGroup(state.cluster), true);
    });
  }

  /* payload: {names, texts, catalogue: its address, icons: [[svg, size], ...], events and bases: [catalogue row,
     icon index, row, icon, ...]}. A part shown on the map is taken off, refilled and put back, clustered in one batch. */
  function drawMarkers(payload, key) {
    var source = catalogue(payload.catalogue);
    source.loaded.then(
      function (data) {
        if (state.catalogue === source) source.data = data; // for the country summaries
        if (state.keys.markers !== key || state.catalogue !== source) return; // a newer step came first
        clusterOnce(payload.names);
        drawPlaces(source, data, payload.names.places);
        state.texts = payload.texts;
        state.rows = {};
        var kept = new Map(); // the markers of this view; the others are let go, so that the heap stays flat
        ["events", "bases"].forEach(function (part) {
          var group = state.layers[part];
          var shown = state.map.hasLayer(group);
          quietly(function () {
            if (shown) state.map.removeLayer(group);
          });
          group.clearLayers();
          for (var at = 0; at < payload[part].length; at += 2) {
            var mark = markOf(source, data, payload[part][at], kept);
            var icon = divIcon(payload.icons[payload[part][at + 1]]);
            if (mark.icon !== icon) {
              mark.icon = icon;
              mark.marker.setIcon(icon);
            }
            state.rows[mark.row.id] = mark;
            group.addLayer(mark.marker);
          }
          quietly(function () {
            if (shown) state.map.addLayer(group);
          });
        });
        source.marks = kept;
        keepPopup();
        declutter();
      },
      function (error) {
        if (state.catalogue === source) state.catalogue = null;
        state.keys.markers = null; // the next rerun tries again
        console.error(error);
      }
    );
  }

  /* A country's summary on the day (state.summaries: the regimes part's {summaries: {code: {name, regime, bases,
     events}}, texts}) in a popup of its own, as text. */
  function showCountry(code, latlng) {
    var summary = state.summaries.summaries[code];
    if (!summary) return;
    var texts = state.summaries.texts;
    var box = element("div", undefined, "sahel-popup");
    box.appendChild(element("strong", summary.name));
    if (summary.regime) box.appendChild(element("div", texts.regime + " " + summary.regime));
    var loaded = state.catalogue && state.catalogue.data; // the events' texts are the catalogue's
    var events = !loaded
      ? []
      : summary.events.map(function (index) {
          return markOf(state.catalogue, loaded, index, new Map()).row.tip;
        });
    [
      [texts.bases, summary.bases],
      [texts.events, events],
    ].forEach(function (part) {
      if (!part[1].length) {
        box.appendChild(element("div", part[0] + " " + texts.none));
        return;
      }
      box.appendChild(element("div", part[0]));
      var list = element("ul");
      part[1].forEach(function (text) {
        list.appendChild(element("li", text));
      });
      box.appendChild(list);
    });
    // as the markers' popup: never wider than the map, nor taller (it scrolls inside)
    state.countryPopup.options.maxWidth = Math.max(160, Math.min(320, state.map.getSize().x - 110));
    state.countryPopup.options.maxHeight = Math.max(160, state.map.getSize().y - 120);
    state.countryPopup.setLatLng(latlng).setContent(box).openOn(state.map);
  }

  function onCountryClick(feature, layer) {
    layer.on("click", function (event) {
      showCountry(feature.properties.iso_a3, event.latlng);
    });
  }

  /* payload: {name, regimes: {ISO code: [fill colour, tooltip text]}, summaries, texts}; the outlines are the
     basemap's countries, fetched once (state.basemap). The layer is registered when drawn, so that the user's
     choice holds; it is drawn again only when the shading changes. */
  function drawRegimes(payload) {
    state.summaries = { summaries: payload.summaries || {}, texts: payload.texts || {} };
    var shading = JSON.stringify([payload.name, payload.regimes]);
    if (state.shading === shading) return; // only the summaries changed: the shading (and its tooltips) stays
    state.shading = shading;
    state.basemap.then(function (basemap) {
      if (state.shading !== shading) return; // a newer step came first
      unregister("regimes");
      var layer = L.geoJSON(basemap.countries, {
        filter: function (feature) {
          return Object.prototype.hasOwnProperty.call(payload.regimes, feature.properties.iso_a3);
        },
        style: function (feature) {
          return { fillColor: payload.regimes[feature.properties.iso_a3][0], fillOpacity: 0.6, weight: 0 };
        },
        onEachFeature: function (feature, shape) {
          shape.bindTooltip(textTooltip(payload.regimes[feature.properties.iso_a3][1]), { sticky: true });
          onCountryClick(feature, shape);
        },
      });
      register("regimes", payload.name, layer, true);
    });
  }

  /* The geography, fetched once per page (the browser caches it: its address carries its digest), drawn into
     the base map's empty boundaries and water groups; country tooltips in the reader's language. */
  function drawBasemap(options, groups) {
    state.basemap = fetch(options.url).then(function (response) {
      if (!response.ok) throw new Error("basemap " + response.status);
      return response.json();
    });
    state.basemap.then(function (basemap) {
      var countryName = options.countryName;
      L.geoJSON(basemap.countries, {
        style: { color: "#6b6b6b", weight: 1.2, fillColor: "#f4f1ea", fillOpacity: 1 },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(textTooltip(feature.properties[countryName]), { sticky: true });
          onCountryClick(feature, layer); // with the regimes hidden, the outline answers the click
        },
      }).addTo(groups.boundaries);
      L.geoJSON(basemap.lakes, { style: { color: "#4a90c2", weight: 1, fillColor: "#a9cde8", fillOpacity: 1 } }).addTo(
        groups.water
      );
      L.geoJSON(basemap.rivers, {
        style: { color: "#4a90c2", weight: 1.6 },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(textTooltip(feature.properties.name), { sticky: true });
        },
      }).addTo(groups.water);
      groups.boundaries.bringToBack();
    });
  }

  function drawRing(payload) {
    state.detail = payload.event;
    var entry = payload.event && state.rows[payload.event.id];
    if (entry && state.openId === payload.event.id && state.popup.isOpen()) {
      // the popup grows with the description and sources; Leaflet pans the map if it no longer fits
      state.popup.setContent(popupContent(entry.row, state.texts, payload.event));
    }
    unregister("selected");
    var layer = L.layerGroup();
    if (payload.ring) {
      // above the markers and clusters, so that a cluster on the selected place does not hide it
      var ring = { radius: 16, color: "#C00000", weight: 4, fill: false, interactive: false, pane: "sahelSelected" };
      L.circleMarker(payload.ring, ring).addTo(layer);
    }
    register("selected", payload.name, layer, true);
  }

  /* After the markers were drawn again: the open popup follows its event, or closes if it is gone. */
  function keepPopup() {
    if (!state.openId || !state.popup.isOpen()) return;
    var entry = state.rows[state.openId];
    var shown = entry && state.cluster.getVisibleParent(entry.marker);
    if (shown) state.popup.setLatLng(shown.getLatLng());
    else state.map.closePopup(state.popup);
  }

  var DRAW = {
    regimes: drawRegimes,
    markers: drawMarkers,
    selected: drawRing,
  };

  var SahelAtlas = {
    /* Once per map: the layer control (base overlays first), the popup, touch and wheel gestures, Leaflet's
       buttons in the reader's language and a metric scale.
       overlays: [[id, name, layer], ...]; options.gestures: {touch, scroll, scrollMac} texts;
       options.basemap: {url, countryName} (the geography file, the country property to show); options.lang;
       options.leaflet: {Leaflet's English text: the reader's} (sahel_atlas/chrome.py). */
    setup: function (map, overlays, options) {
      var say = function (english) {
        return options.leaflet[english] || english;
      };
      state.map = map;
      document.documentElement.lang = options.lang; // the map's frame reads in the reader's language
      map.options.gestureHandlingOptions = { text: options.gestures, duration: 1500 };
      map.gestureHandling.enable();
      if (map.zoomControl) map.removeControl(map.zoomControl);
      map.zoomControl = L.control.zoom({ zoomInTitle: say("Zoom in"), zoomOutTitle: say("Zoom out") }).addTo(map);
      L.control.scale({ imperial: false }).addTo(map);
      var leaflet = element("a", "Leaflet");
      leaflet.href = "https://leafletjs.com";
      leaflet.title = say("A JavaScript library for interactive maps");
      map.attributionControl.setPrefix(leaflet.outerHTML);
      // the credits' links (Leaflet's, OpenStreetMap's) open a new tab: in the map's own frame they would replace
      // the map with their site
      L.DomEvent.on(map.attributionControl.getContainer(), "click", function (event) {
        var link = event.target.closest && event.target.closest("a[href]");
        if (!link) return;
        event.preventDefault();
        window.open(link.href, "_blank", "noopener");
      });
      state.control = L.control
        .layers(null, null, {
          collapsed: true,
          sortLayers: true,
          sortFunction: function (a, b) {
            return ORDER.indexOf(state.ids.get(a)) - ORDER.indexOf(state.ids.get(b));
          },
        })
        .addTo(map);
      var toggle = state.control.getContainer().querySelector(".leaflet-control-layers-toggle");
      toggle.title = say("Layers");
      toggle.setAttribute("aria-label", say("Layers"));
      var groups = {};
      overlays.forEach(function (overlay) {
        groups[overlay[0]] = overlay[2];
        register(overlay[0], overlay[1], overlay[2], map.hasLayer(overlay[2]));
      });
      drawBasemap(options.basemap, groups);
      map.createPane("sahelPlaces").style.zIndex = 550; // place names: over the shading, under the markers
      map.createPane("sahelSelected").style.zIndex = 640; // the selection's ring: over the markers, under popups
      map.getPane("sahelSelected").style.pointerEvents = "none";
      map.on("zoomend moveend resize overlayadd overlayremove", declutter);
      map.on("overlayadd overlayremove", function (event) {
        if (!state.quiet && state.ids.has(event.layer)) remember(state.ids.get(event.layer), event.type === "overlayadd");
      });
      // maxWidth: set by select(); the top padding keeps a popup below the zoom and layer buttons
      state.popup = L.popup({ offset: [0, -6], autoPanPadding: [24, 24], autoPanPaddingTopLeft: [24, 64] });
      state.popup.on("add", function () {
        var close = state.popup.getElement().querySelector(".leaflet-popup-close-button");
        if (close) close.setAttribute("aria-label", say("Close popup"));
      });
      state.popup.on("remove", function () {
        state.openId = null;
      });
      state.countryPopup = L.popup({ autoPanPadding: [24, 24], autoPanPaddingTopLeft: [24, 64] });
    },

    /* Every rerun, for each part ("regimes", "markers", "selected"): draw it again only if its data
       changed since it was drawn, so that an unchanged part keeps its spiderfied markers and popup. */
    show: function (map, part, data) {
      if (state.map !== map) return;
      var key = JSON.stringify(data);
      if (state.keys[part] === key) return;
      state.keys[part] = key;
      DRAW[part](data, key);
    },
  };

  window.SahelAtlas = SahelAtlas;
})();
