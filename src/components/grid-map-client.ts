/** Draws a grid map with Leaflet (loaded on demand by grid-map.astro). */
import L from "leaflet";
import { applyLeafletCss } from "./leaflet-css.ts";

type Props = { name: string; role: "self" | "neighbour" | "child" | "centre"; url: string | null };

const STYLES: Record<string, L.PathOptions> = {
  self: { color: "#b3121d", weight: 3, fillColor: "#b3121d", fillOpacity: 0.12 },
  child: { color: "#0b4f9c", weight: 2, fillOpacity: 0.04 },
  neighbour: { color: "#4a4f57", weight: 1.5, dashArray: "4 4", fillOpacity: 0.02 },
};

/** Draws the features (GeoJSON FeatureCollection) into the element and fits the view to the page's grid. */
export async function drawGridMap(el: HTMLElement, data: GeoJSON.FeatureCollection<GeoJSON.Geometry, Props>): Promise<void> {
  applyLeafletCss();
  const tileUrl = el.dataset.tileUrl ?? "";
  const map = L.map(el, { attributionControl: tileUrl !== "", scrollWheelZoom: false });
  if (tileUrl) L.tileLayer(tileUrl, { attribution: el.dataset.tileAttribution ?? "", maxZoom: 18 }).addTo(map);
  const layer = L.geoJSON(data, {
    style: (f) => STYLES[f?.properties.role ?? "neighbour"] ?? {},
    pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 7, color: "#1b6e37", weight: 2, fillColor: "#1b6e37", fillOpacity: 0.8 }),
    onEachFeature: (f, l) => {
      const p = f.properties;
      l.bindTooltip(p.name);
      if (p.url && p.role !== "self") l.on("click", () => (location.href = p.url!));
    },
  }).addTo(map);
  const self = data.features.filter((f) => f.properties.role === "self");
  const bounds = self.length > 0 ? L.geoJSON({ type: "FeatureCollection", features: self } as GeoJSON.FeatureCollection).getBounds() : layer.getBounds();
  map.fitBounds(bounds, { padding: [24, 24] });
}
