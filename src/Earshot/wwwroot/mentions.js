// Live Mentions: when the server says new posts were stored, re-render the first page with the same filters.
(() => {
  const list = document.getElementById("posts");
  const status = document.getElementById("live-status");
  if (!list || list.dataset.live !== "on" || !window.EventSource) return;

  let refreshing = false;
  const refresh = async (count) => {
    if (refreshing) return;
    refreshing = true;
    try {
      const params = new URLSearchParams(window.location.search);
      params.set("handler", "Rows");
      const response = await fetch("/mentions?" + params.toString(), { headers: { Accept: "text/html" } });
      if (response.ok) {
        list.innerHTML = await response.text();
        window.earshotLocalTimes?.(list);
        // The words come from the page (localised); the clock is the reader's.
        const zone = document.querySelector('meta[name="earshot-time-zone"]')?.content || undefined;
        const now = new Date().toLocaleTimeString(document.documentElement.lang || undefined, { timeZone: zone });
        status.hidden = false;
        status.textContent = count === 1 ? status.dataset.one.replace("{0}", now) : status.dataset.many.replace("{0}", String(count)).replace("{1}", now);
      }
    } finally {
      refreshing = false;
    }
  };

  const events = new EventSource("/api/events");
  events.addEventListener("posts", (e) => refresh(JSON.parse(e.data).count));
})();
