/**
 * Progressive enhancement of the report form (/report/): a map to pick the place (GeoJSON of
 * the district's streets, tiles only when configured), "use my location", possible
 * duplicates within 250 m, and a JSON submit with the form's idempotency key. Without this
 * script the form posts to the server and works the same.
 */
import L from "leaflet";
import { applyLeafletCss } from "../components/leaflet-css.ts";

type MapData = { bbox: [number, number, number, number]; outline: GeoJSON.Geometry; streets: { name: string; boundary: GeoJSON.Geometry }[] };
type Nearby = { grid: { id: string; name: string } | null; results: { publicId: string; statusLabel: string; categoryName: string; grid: { name: string }; reportedDay: string; distanceM: number; publicSummary: string }[] };

const form = document.querySelector<HTMLFormElement>("#report-form");
if (form) enhance(form);

function enhance(form: HTMLFormElement): void {
  for (const el of form.querySelectorAll<HTMLElement>("[data-js-only]")) el.hidden = false;
  const lat = form.querySelector<HTMLInputElement>("#lat")!;
  const lng = form.querySelector<HTMLInputElement>("#lng")!;
  const coordsys = form.querySelector<HTMLInputElement>("#coordsys")!;
  const status = form.querySelector<HTMLElement>("#place-status")!;
  const dupSection = form.querySelector<HTMLElement>("#duplicates")!;
  const dupList = form.querySelector<HTMLUListElement>("#duplicate-list")!;
  dupSection.hidden = true;

  let marker: L.CircleMarker | null = null;
  let map: L.Map | null = null;
  const mapEl = form.querySelector<HTMLElement>("#pick-map");
  if (mapEl?.dataset.map) {
    const data = JSON.parse(mapEl.dataset.map) as MapData;
    const [w, s, e, n] = data.bbox;
    applyLeafletCss();
    map = L.map(mapEl, { attributionControl: Boolean(mapEl.dataset.tileUrl) }).fitBounds([[s, w], [n, e]]);
    if (mapEl.dataset.tileUrl) L.tileLayer(mapEl.dataset.tileUrl, { attribution: mapEl.dataset.tileAttribution ?? "" }).addTo(map);
    L.geoJSON(data.outline as GeoJSON.GeoJsonObject, { style: { color: "#b3121d", weight: 2, fill: false } }).addTo(map);
    for (const st of data.streets) {
      L.geoJSON(st.boundary as GeoJSON.GeoJsonObject, { style: { color: "#0b4f9c", weight: 1, fillOpacity: 0.04 } }).bindTooltip(st.name).addTo(map);
    }
    map.on("click", (ev: L.LeafletMouseEvent) => setPlace(ev.latlng.lat, ev.latlng.lng, "地图选点"));
  }

  function setPlace(la: number, ln: number, how: string): void {
    lat.value = la.toFixed(6);
    lng.value = ln.toFixed(6);
    coordsys.value = "wgs84";
    if (map) {
      if (marker) marker.setLatLng([la, ln]);
      else marker = L.circleMarker([la, ln], { radius: 9, color: "#b3121d", weight: 3 }).addTo(map);
    }
    status.textContent = `已选择位置（${how}）`;
    void refreshDuplicates();
  }

  async function refreshDuplicates(): Promise<void> {
    const category = form.querySelector<HTMLInputElement>('input[name="category"]:checked')?.value;
    if (!lat.value || !lng.value) return;
    const q = new URLSearchParams({ category: category ?? "", lat: lat.value, lng: lng.value });
    if (!category) {
      dupSection.hidden = true;
      return;
    }
    try {
      const res = await fetch(`/api/reports/nearby?${q}`);
      if (!res.ok) return;
      const body = (await res.json()) as Nearby;
      status.textContent = body.grid ? `已选择位置：${body.grid.name}` : "该位置不在本区网格范围内，请重新选择";
      dupList.replaceChildren(
        ...body.results.map((r) => {
          const li = document.createElement("li");
          li.textContent = `${r.categoryName} · ${r.statusLabel} · 约 ${r.distanceM} 米 · ${r.reportedDay} 反映${r.publicSummary ? ` · ${r.publicSummary}` : ""}`;
          return li;
        }),
      );
      dupSection.hidden = body.results.length === 0;
    } catch {
      // Duplicates are a hint only; the form works without them.
    }
  }

  form.querySelector<HTMLButtonElement>("#locate-me")?.addEventListener("click", () => {
    if (!navigator.geolocation) {
      status.textContent = "此浏览器无法获取位置，请在地图上选点或填写地址";
      return;
    }
    status.textContent = "正在获取位置…";
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPlace(pos.coords.latitude, pos.coords.longitude, "当前位置");
        map?.setView([pos.coords.latitude, pos.coords.longitude], 16);
      },
      () => (status.textContent = "未能获取位置，请在地图上选点或填写地址"),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  });
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="category"]')) radio.addEventListener("change", () => void refreshDuplicates());

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const get = (k: string) => String(fd.get(k) ?? "").trim();
    const body: Record<string, unknown> = { category: get("category"), description: get("description") };
    if (get("lat") && get("lng")) Object.assign(body, { lat: Number(get("lat")), lng: Number(get("lng")), coordsys: get("coordsys") || "wgs84" });
    if (get("address")) body.address = get("address");
    if (get("contact.name") || get("contact.phone")) body.contact = { name: get("contact.name") || undefined, phone: get("contact.phone") || undefined };
    const submitStatus = form.querySelector<HTMLElement>("#submit-status")!;
    submitStatus.textContent = "正在提交…";
    try {
      const res = await fetch(form.dataset.api ?? "/api/reports", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": get("idempotencyKey") },
        body: JSON.stringify(body),
      });
      const data = await res.json();
      if (res.status === 201) return showDone(data as { trackingCode: string; grid: { name: string } });
      submitStatus.textContent = (data as { error?: { message?: string } }).error?.message ?? "提交未成功，请稍后再试";
    } catch {
      submitStatus.textContent = "网络异常，请稍后再试；再次提交不会重复登记。";
    }
  });

  function showDone(r: { trackingCode: string; grid: { name: string } }): void {
    const section = document.createElement("section");
    section.className = "result";
    const h1 = document.createElement("h1");
    h1.textContent = "反映已提交";
    h1.tabIndex = -1;
    const p = document.createElement("p");
    p.textContent = `您的反映已送达${r.grid.name}，网格员会尽快受理。请记下查询码，凭它随时查看办理进度：`;
    const code = document.createElement("p");
    code.className = "code-box";
    const strong = document.createElement("strong");
    strong.id = "tracking-code";
    strong.textContent = r.trackingCode;
    code.appendChild(strong);
    const link = document.createElement("a");
    link.className = "button";
    link.href = `/track/?code=${encodeURIComponent(r.trackingCode)}`;
    link.textContent = "查看办理进度";
    const actions = document.createElement("p");
    actions.appendChild(link);
    for (const el of [h1, p, code, actions]) section.appendChild(el);
    const main = form.closest("main")!;
    main.replaceChildren(section);
    h1.focus();
  }
}
