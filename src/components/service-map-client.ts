/**
 * Client side of the service-circle map (loaded only by pages with the map). Draws the
 * district outline, facilities as coloured dots per category (one toggleable layer each)
 * and each community's 15-minute reach, on tiles when a tile URL is configured.
 */
import L from "leaflet";
// Leaflet's CSS travels inside this deferred bundle and is applied when the map starts,
// so pages without the map never load it and the map page does not wait for it.
import { applyLeafletCss } from "./leaflet-css.ts";

/** The JSON of /services/map.json. */
export type ServiceMapData = {
  reachMeters: number;
  outlines: unknown[];
  categories: { id: string; name: string; color: string }[];
  /** [lat, lng, category index, name] */
  facilities: [number, number, number, string][];
  /** [lat, lng, name, id, score] */
  communities: [number, number, string, string, number][];
};

/** A popup body built from text (names are never parsed as HTML). */
function popup(lines: (string | { href: string; text: string })[]): HTMLElement {
  const div = document.createElement("div");
  for (const line of lines) {
    const p = document.createElement("p");
    p.style.margin = "0.2em 0";
    if (typeof line === "string") p.textContent = line;
    else {
      const a = document.createElement("a");
      a.href = line.href;
      a.textContent = line.text;
      p.appendChild(a);
    }
    div.appendChild(p);
  }
  return div;
}

/** Draws the map into `el` (its data-src, data-tile-url and data-tile-attribution). */
export async function initServiceMap(el: HTMLElement): Promise<void> {
  const res = await fetch(el.dataset.src!);
  if (!res.ok) throw new Error(`map data: HTTP ${res.status}`);
  const data = (await res.json()) as ServiceMapData;
  applyLeafletCss();
  el.replaceChildren();
  const map = L.map(el, { preferCanvas: true, scrollWheelZoom: false, zoomSnap: 0.25 });
  if (el.dataset.tileUrl) L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution ?? "", maxZoom: 19 }).addTo(map);
  for (const o of data.outlines) L.geoJSON(o as GeoJSON.GeoJsonObject, { style: { color: "#4a4f57", weight: 2, fill: false }, interactive: false }).addTo(map);

  const reach = L.layerGroup(data.communities.map(([lat, lng]) =>
    L.circle([lat, lng], { radius: data.reachMeters, color: "#0b4f9c", weight: 1, opacity: 0.5, fillOpacity: 0.05, interactive: false }))).addTo(map);
  const communities = L.layerGroup(data.communities.map(([lat, lng, name, id, score]) =>
    L.circleMarker([lat, lng], { radius: 6, color: "#1a1a1a", weight: 2, fillColor: "#ffffff", fillOpacity: 1 })
      .bindPopup(() => popup([name, `服务圈得分 ${score}`, { href: `/services/${id}/`, text: "查看详情" }])))).addTo(map);

  const byCategory = data.categories.map(() => [] as L.Layer[]);
  for (const [lat, lng, k, name] of data.facilities) {
    const cat = data.categories[k]!;
    byCategory[k]!.push(L.circleMarker([lat, lng], { radius: 4, color: cat.color, weight: 1, fillColor: cat.color, fillOpacity: 0.85 })
      .bindPopup(() => popup([name, cat.name])));
  }
  const overlays: Record<string, L.Layer> = { "社区（白点）": communities, "15分钟步行范围": reach };
  data.categories.forEach((c, k) => {
    const label = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = c.color;
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(`${c.name}（${byCategory[k]!.length}）`));
    overlays[label.outerHTML] = L.layerGroup(byCategory[k]!).addTo(map);
  });
  L.control.layers(undefined, overlays, { collapsed: window.matchMedia("(max-width: 48rem)").matches }).addTo(map);

  const pts = data.communities.map(([lat, lng]) => L.latLng(lat, lng));
  if (pts.length) map.fitBounds(L.latLngBounds(pts), { padding: [10, 10] });
  else map.setView([34.72, 113.64], 12);
}
