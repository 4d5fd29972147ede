// Live alerts on every page: when the server says an alert opened, the banner names it and links to it; whenever an
// alert opens, is acknowledged or closes, the navigation's count is read again. Text goes in with textContent only:
// topic names are user input.
(() => {
  const banner = document.getElementById("alert-banner");
  const count = document.getElementById("alert-count");
  // The count is in the navigation of signed-in pages only; the login and error pages of a signed-out visitor listen to nothing.
  if (!window.EventSource || !count) return;

  const kinds = { "volume-spike": "Volume spike", "negativity-spike": "Negativity spike", "emerging-term": "Emerging term", "silence": "Silence" };
  const show = async (id) => {
    if (!banner) return;
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

  // The words around the number stay as the server rendered them (they are localised); only the numbers change.
  const recount = async () => {
    if (!count) return;
    const response = await fetch("/api/alerts/counts", { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const counts = await response.json();
    count.querySelector(".nav-count-number").textContent = String(counts.needs_attention);
    let acknowledged = count.querySelector(".nav-count-acknowledged");
    if (counts.acknowledged > 0) {
      if (!acknowledged) {
        acknowledged = document.createElement("span");
        acknowledged.className = "nav-count-acknowledged";
        count.append(acknowledged);
      }
      acknowledged.textContent = ", " + counts.acknowledged + " " + (count.dataset.acknowledgedWord || "acknowledged");
    } else if (acknowledged) {
      acknowledged.remove();
    }
    count.dataset.open = String(counts.open);
    count.dataset.acknowledged = String(counts.acknowledged);
    count.hidden = counts.open === 0;
  };

  const events = new EventSource("/api/events");
  events.addEventListener("alert", (e) => {
    const data = JSON.parse(e.data);
    if (data.type === "alert.opened") show(data.id);
    if (["alert.opened", "alert.acknowledged", "alert.closed"].includes(data.type)) recount();
  });
})();
