// Live alerts on every page: when the server says an alert opened, the banner names it and links to it; whenever an
// alert opens, is acknowledged or closes, the navigation's count is read again. Text goes in with textContent only:
// topic names are user input.
(() => {
  const banner = document.getElementById("alert-banner");
  const count = document.getElementById("alert-count");
  // The count is in the navigation of signed-in pages only; the login and error pages of a signed-out visitor listen to nothing.
  if (!window.EventSource || !count) return;

  // Words come from the banner's data attributes (localised by the page); times in the reader's language and zone.
  const words = banner ? banner.dataset : {};
  const kinds = { "volume-spike": words.volumeSpike, "negativity-spike": words.negativitySpike, "emerging-term": words.emergingTerm, "silence": words.silence };
  const zone = document.querySelector('meta[name="earshot-time-zone"]')?.content || undefined;
  const fill = (text, values) => text.replace(/\{(\d)\}/g, (_, i) => values[Number(i)]);
  const show = async (id) => {
    if (!banner) return;
    const response = await fetch("/api/alerts/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const alert = (await response.json()).alert;
    const since = new Date(alert.started_at).toLocaleTimeString(document.documentElement.lang || undefined, { timeZone: zone });
    const text = alert.kind === "negativity-spike" ? words.negativePosts : words.posts;
    banner.replaceChildren();
    banner.append(fill(text, [kinds[alert.kind] || alert.kind, alert.topic || words.aTopic, String(alert.count), since]) + " · ");
    const link = document.createElement("a");
    link.href = "/alerts#alert-" + alert.id;
    link.textContent = words.open;
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
