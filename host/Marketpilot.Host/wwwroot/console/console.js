// Draws the console's charts with Chart.js from the JSON each page embeds; no data is fetched.
(function () {
    "use strict";
    if (typeof Chart === "undefined") { return; }
    const statusColours = { applied: "#2e7d32", rejected: "#c62828", failed: "#c62828", proposed: "#1565c0", "dry-run": "#6a1b9a", control: "#757575" };

    function read(id) {
        const element = document.getElementById(id);
        return element ? JSON.parse(element.textContent) : null;
    }

    function line(canvasId, labels, datasets) {
        const canvas = document.getElementById(canvasId);
        if (!canvas) { return; }
        new Chart(canvas, {
            type: "line",
            data: { labels: labels, datasets: datasets },
            options: { responsive: true, maintainAspectRatio: false, animation: false, spanGaps: true, interaction: { mode: "index", intersect: false },
                scales: { y: { beginAtZero: false }, y1: { position: "right", display: "auto", grid: { drawOnChartArea: false } } } }
        });
    }

    const sku = read("sku-chart-data");
    if (sku) {
        const words = read("sku-chart-labels");
        const priceOf = {};
        sku.Days.forEach((day, i) => { priceOf[day] = sku.Price[i]; });
        const marks = sku.Marks.filter(m => m.Day in priceOf);
        line("chart-price", sku.Days, [
            { label: words.price, data: sku.Price, borderColor: "#1565c0", pointRadius: 0 },
            { label: words.cost, data: sku.Cost, borderColor: "#ef6c00", pointRadius: 0 },
            { label: words.margin, data: sku.Margin, borderColor: "#2e7d32", pointRadius: 0, yAxisID: "y1" },
            { type: "scatter", label: words.actions, data: marks.map(m => ({ x: m.Day, y: priceOf[m.Day], label: m.Label })),
              pointRadius: 6, pointStyle: "triangle", backgroundColor: marks.map(m => statusColours[m.Status] || "#000"),
              tooltip: { callbacks: { label: context => context.raw.label } } }
        ]);
        line("chart-stock", sku.Days, [
            { label: words.stock, data: sku.Stock, borderColor: "#6d4c41", pointRadius: 0 },
            { label: words.orders, data: sku.Orders, borderColor: "#1565c0", pointRadius: 0, yAxisID: "y1" }
        ]);
        line("chart-conversion", sku.Days, [
            { label: words.conversion, data: sku.Conversion, borderColor: "#00838f", pointRadius: 0 }
        ]);
    }

    const experiment = read("experiment-chart-data");
    const experimentCanvas = document.getElementById("chart-experiment");
    if (experiment && experimentCanvas) {
        // A floating bar per KPI spans its 95% interval; the point is the estimate.
        new Chart(experimentCanvas, {
            data: {
                labels: experiment.map(k => k.kpi),
                datasets: [
                    { type: "bar", order: 2, label: experimentCanvas.dataset.label, data: experiment.map(k => [k.low, k.high]),
                      backgroundColor: experiment.map(k => k.low > 0 ? "#a5d6a7" : k.high < 0 ? "#ef9a9a" : "#cfd8dc") },
                    { type: "line", order: 1, label: "", data: experiment.map(k => k.value), showLine: false, pointRadius: 5, backgroundColor: "#000", borderColor: "#000" }
                ]
            },
            options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
        });
    }
})();
