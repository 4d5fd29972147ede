// Draws the insight page's charts with Chart.js (served by Earshot, see NOTICE.md) from the numbers the page embeds
// as JSON. Every chart has a table on the page, so the chart is an addition: without script the page still says all.
(() => {
  const source = document.getElementById('insights-data');
  if (!source || typeof Chart === 'undefined') return;
  const data = JSON.parse(source.textContent);
  const css = getComputedStyle(document.documentElement);
  const colour = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const ink = colour('--ink', '#1f2933');
  const negative = colour('--neg', '#b3261e');
  const positive = colour('--pos', '#1e7a3c');
  const accent = colour('--accent', '#1d4ed8');
  const muted = colour('--muted', '#52606d');
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  Chart.defaults.color = ink;
  Chart.defaults.animation = reduced ? false : Chart.defaults.animation;
  Chart.defaults.maintainAspectRatio = false;

  // The reader's chosen time zone (as local-times.js uses it), else the device's. Day buckets are UTC days, so they
  // are labelled as such rather than shifted into the day before in zones west of UTC.
  const zone = document.querySelector('meta[name="earshot-time-zone"]')?.content || undefined;
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
    data.bucket === 'hour' ? { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone } : { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const volume = document.getElementById('volume-chart');
  if (volume) {
    new Chart(volume, {
      type: 'line',
      data: {
        labels: data.volume.map((v) => format.format(new Date(v.at))),
        datasets: [
          { label: data.labels.posts, data: data.volume.map((v) => v.posts), borderColor: accent, backgroundColor: accent, tension: 0.2, pointRadius: 0 },
          { label: data.labels.negative, data: data.volume.map((v) => v.negative), borderColor: negative, backgroundColor: negative, tension: 0.2, pointRadius: 0 },
          { label: data.labels.positive, data: data.volume.map((v) => v.positive), borderColor: positive, backgroundColor: positive, tension: 0.2, pointRadius: 0, borderDash: [6, 3] },
        ],
      },
      options: { interaction: { mode: 'index', intersect: false }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  const share = document.getElementById('share-chart');
  if (share && data.share.length > 0) {
    new Chart(share, {
      type: 'bar',
      data: {
        labels: data.share.map((s) => s.topic),
        datasets: [
          { label: data.labels.now, data: data.share.map((s) => Math.round(s.share * 1000) / 10), backgroundColor: accent },
          { label: data.labels.before, data: data.share.map((s) => Math.round(s.previous * 1000) / 10), backgroundColor: muted },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, max: 100, ticks: { callback: (v) => v + '%' } } } },
    });
  }
})();
