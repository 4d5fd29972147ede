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
        status.hidden = false;
        status.textContent = `${count} new post${count === 1 ? "" : "s"} arrived · updated ${new Date().toLocaleTimeString()}`;
      }
    } finally {
      refreshing = false;
    }
  };

  const events = new EventSource("/api/events");
  events.addEventListener("posts", (e) => refresh(JSON.parse(e.data).count));
})();
