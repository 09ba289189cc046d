/**
 * The grid choropleth: level-3 grids coloured by cases per 1,000 households or by disposal
 * rate, from the year's published grid figures (withheld grids stay grey). GeoJSON only; a
 * tile layer is drawn when the page is given a tile URL.
 */
import L from "leaflet";
import { applyLeafletCss } from "../components/leaflet-css.ts";

type GridFeature = { id: string; name: string; recorded: number | string | null; per1000: number | null; disposalRate: number | null; boundary: GeoJSON.Geometry };

const host = document.getElementById("grid-map");
if (host) void init(host);

async function init(el: HTMLElement): Promise<void> {
  const res = await fetch(el.dataset.src!);
  if (!res.ok) return;
  const grids = (await res.json()) as GridFeature[];
  applyLeafletCss();
  el.hidden = false;
  const map = L.map(el, { scrollWheelZoom: false, attributionControl: Boolean(el.dataset.tiles) });
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution ?? "" }).addTo(map);
  const select = document.getElementById("grid-map-measure") as HTMLSelectElement | null;
  const legend = document.getElementById("grid-map-legend");
  const measure = () => (select?.value === "rate" ? "disposalRate" : "per1000") as "disposalRate" | "per1000";
  const values = (m: "disposalRate" | "per1000") => grids.map((g) => g[m]).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const PALETTE = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"];
  const breaks = (m: "disposalRate" | "per1000") => {
    const v = values(m);
    return [0.2, 0.4, 0.6, 0.8].map((q) => v[Math.floor(q * (v.length - 1))] ?? 0);
  };
  const fmt = (m: string, v: number) => (m === "disposalRate" ? `${(v * 100).toFixed(1)}%` : v.toFixed(0));
  const layer = L.geoJSON(
    { type: "FeatureCollection", features: grids.map((g) => ({ type: "Feature", properties: g, geometry: g.boundary })) } as GeoJSON.FeatureCollection,
    { style: () => ({ weight: 0.6, color: "#555", fillOpacity: 0.8 }) },
  ).addTo(map);
  const paint = () => {
    const m = measure();
    const b = breaks(m);
    layer.eachLayer((l) => {
      const g = ((l as L.Polygon).feature as GeoJSON.Feature).properties as GridFeature;
      const v = g[m];
      const k = v === null ? -1 : b.filter((x) => v > x).length;
      (l as L.Path).setStyle({ fillColor: k < 0 ? "#c8c8c8" : PALETTE[k]! });
      (l as L.Path).bindTooltip(`${g.name}：${v === null ? "数据不足或已隐去" : fmt(m, v)}`);
    });
    if (legend) {
      legend.textContent = "";
      const items = [["#c8c8c8", "数据不足或已隐去"], ...PALETTE.map((c, i) => [c, i === 0 ? `≤ ${fmt(m, b[0]!)}` : i === 4 ? `> ${fmt(m, b[3]!)}` : `${fmt(m, b[i - 1]!)} – ${fmt(m, b[i]!)}`])];
      for (const [color, label] of items) {
        const li = document.createElement("li");
        const sw = document.createElement("span");
        sw.className = "swatch";
        sw.style.background = color!;
        li.appendChild(sw);
        li.appendChild(document.createTextNode(label!));
        legend.appendChild(li);
      }
    }
  };
  paint();
  select?.addEventListener("change", paint);
  map.fitBounds(layer.getBounds());
}
