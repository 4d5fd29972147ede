// Refreshes the queue when cases change: the server nudges over SignalR, the page re-reads its rows.
(() => {
  const queue = document.getElementById("queue");
  let pending = null;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      const params = new URLSearchParams(location.search);
      params.set("handler", "Rows");
      const response = await fetch("/inbox?" + params.toString(), { headers: { Accept: "text/html" } });
      if (response.ok) queue.innerHTML = await response.text();
    }, 300);
  };
  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/cases").withAutomaticReconnect().build();
  connection.on("caseChanged", refresh);
  connection.start().catch(() => {});
})();
