// The OSL map of resources: markers from the page's JSON; tiles only when configured.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("resource-map");
    var data = document.getElementById("map-markers");
    if (!box || !data || typeof L === "undefined") { return; }
    var markers = JSON.parse(data.textContent);
    var map = L.map(box, { attributionControl: !!box.dataset.tiles });
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution || "" }).addTo(map);
    }
    var bounds = [];
    markers.forEach(function (m) {
      var marker = L.circleMarker([m.lat, m.lon], { radius: 8, color: "#0a3d6b", fillOpacity: 0.8 });
      var popup = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = m.name;
      popup.appendChild(title);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(m.capital + (m.address ? " — " + m.address : "")));
      marker.bindPopup(popup).addTo(map);
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 }); }
    else { map.setView([51.05, 21.08], 13); }
  });
})();
