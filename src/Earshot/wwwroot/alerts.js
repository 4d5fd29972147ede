// Live alert banner on every page: when the server says an alert opened, name it and link to it.
// Text goes in with textContent only: topic names are user input.
(() => {
  const banner = document.getElementById("alert-banner");
  if (!banner || !window.EventSource) return;

  const kinds = { "volume-spike": "Volume spike", "negativity-spike": "Negativity spike", "emerging-term": "Emerging term", "silence": "Silence" };
  const show = async (id) => {
    const response = await fetch("/api/alerts/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const alert = (await response.json()).alert;
    banner.replaceChildren();
    banner.append(`${kinds[alert.kind] || alert.kind} on ${alert.topic || "a topic"}: ${alert.count} ${alert.kind === "negativity-spike" ? "negative posts" : "posts"} since ${new Date(alert.started_at).toLocaleTimeString()} · `);
    const link = document.createElement("a");
    link.href = "/alerts#alert-" + alert.id;
    link.textContent = "open alerts";
    banner.append(link);
    banner.hidden = false;
  };

  const events = new EventSource("/api/events");
  events.addEventListener("alert", (e) => {
    const data = JSON.parse(e.data);
    if (data.type === "alert.opened") show(data.id);
  });
})();
