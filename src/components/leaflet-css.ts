/**
 * Leaflet's stylesheet for client map modules, applied once as a <style> element when a map
 * is drawn. Shipped inside the map bundle (`?inline`): a `?url` asset of this file goes missing
 * from the build as soon as another page imports the same CSS directly.
 */
import leafletCss from "leaflet/dist/leaflet.css?inline";

/** Adds Leaflet's CSS to the document unless it is there already. */
export function applyLeafletCss(): void {
  if (document.getElementById("leaflet-css")) return;
  const style = document.createElement("style");
  style.id = "leaflet-css";
  style.textContent = leafletCss;
  document.head.appendChild(style);
}
