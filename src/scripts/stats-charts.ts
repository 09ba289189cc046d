/**
 * Draws a Chart.js chart above every statistics table marked data-chart, from the table's own
 * cells (data-value). The canvas is hidden from assistive technology: the table is the
 * accessible version of the same numbers.
 */
import Chart from "chart.js/auto";

const COLORS = ["#0b4f9c", "#b3121d", "#1b6e37", "#8a5a00", "#5b3f8c", "#00727a", "#4a4f57"];

function draw(table: HTMLTableElement): void {
  const kind = table.dataset.chart as "bar" | "line" | "doughnut";
  const heads = [...table.querySelectorAll<HTMLTableCellElement>("thead th")];
  const series = heads.map((th, i) => ({ th, i })).filter(({ th }) => th.dataset.series === "1");
  const rows = [...table.querySelectorAll<HTMLTableRowElement>("tbody tr")];
  const labels = rows.map((r) => r.querySelector("th")?.textContent?.trim() ?? "");
  const datasets = series.map(({ th, i }, k) => ({
    label: th.textContent?.trim() ?? "",
    data: rows.map((r) => {
      const v = r.children[i]?.getAttribute("data-value");
      return v === null || v === undefined || v === "" ? null : Number(v);
    }),
    backgroundColor: kind === "doughnut" ? COLORS : COLORS[k % COLORS.length],
    borderColor: kind === "doughnut" ? "#fff" : COLORS[k % COLORS.length],
    tension: 0.2,
  }));
  const figure = document.createElement("figure");
  figure.className = "stats-chart";
  const canvas = document.createElement("canvas");
  canvas.setAttribute("aria-hidden", "true");
  canvas.height = kind === "doughnut" ? 220 : table.dataset.horizontal ? Math.max(220, rows.length * 26) : 260;
  figure.appendChild(canvas);
  const block = table.closest(".stats-block");
  block?.parentNode?.insertBefore(figure, block);
  new Chart(canvas, {
    type: kind,
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: table.dataset.horizontal ? "y" : "x",
      animation: false,
      plugins: { legend: { display: datasets.length > 1 || kind === "doughnut" } },
    },
  });
}

for (const t of document.querySelectorAll<HTMLTableElement>("table[data-chart]")) draw(t);
