// The inbox: refreshes the list when cases change (the server nudges over SignalR, the page re-reads its rows,
// keeping the selection), and keeps the bulk bar in step with the selected rows.
(() => {
  const queue = document.getElementById("queue");
  const selected = () => [...queue.querySelectorAll("input.select-case:checked")].map((box) => box.value);

  const syncBulk = () => {
    const ids = selected();
    const hint = document.getElementById("bulk-selected");
    // The words come from the page (localised); only the number is filled in here.
    if (hint) hint.textContent = ids.length === 0 ? hint.dataset.empty : ids.length === 1 ? hint.dataset.one : hint.dataset.many.replace("{0}", String(ids.length));
    // "Merge into" offers the selected cases (all on the page while none is selected).
    const into = document.getElementById("merge-into");
    if (into) {
      for (const option of into.options) option.hidden = ids.length > 0 && !ids.includes(option.value);
      if (ids.length > 0 && !ids.includes(into.value)) into.value = ids[0];
    }
    const all = document.getElementById("select-all");
    const boxes = queue.querySelectorAll("input.select-case");
    if (all) all.checked = boxes.length > 0 && ids.length === boxes.length;
  };
  const hint = document.getElementById("bulk-selected");
  if (hint) hint.dataset.empty = hint.textContent;

  queue.addEventListener("change", (event) => {
    if (event.target.id === "select-all") {
      for (const box of queue.querySelectorAll("input.select-case")) box.checked = event.target.checked;
    }
    syncBulk();
  });

  let pending = null;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      const params = new URLSearchParams(location.search);
      params.set("handler", "Rows");
      const response = await fetch("/inbox?" + params.toString(), { headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const keep = new Set(selected());
      const current = document.activeElement?.closest("tr.case-row")?.dataset.case;
      // The rows are our own server-rendered, encoded HTML.
      queue.innerHTML = await response.text();
      for (const box of queue.querySelectorAll("input.select-case")) box.checked = keep.has(box.value);
      if (current) queue.querySelector(`tr.case-row[data-case="${CSS.escape(current)}"] a.case-link`)?.focus();
      window.earshotLocalTimes?.(queue);
      syncBulk();
    }, 300);
  };
  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/cases").withAutomaticReconnect().build();
  connection.on("caseChanged", refresh);
  connection.start().catch(() => {});
  syncBulk();
})();
