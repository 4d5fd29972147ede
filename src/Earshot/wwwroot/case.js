// Live presence on a case: who else has it open and who is writing a reply; canned replies fill the reply box.
(() => {
  const root = document.querySelector("[data-case]");
  const caseId = root.dataset.case;
  const presence = document.getElementById("presence");
  const me = document.querySelector(".whoami span")?.firstChild?.textContent.trim();
  const reply = document.getElementById("reply-text");
  const canned = document.getElementById("canned");
  if (canned && reply) canned.addEventListener("change", () => { if (canned.value) reply.value = canned.value; reply.dispatchEvent(new Event("input")); });

  const show = (viewers) => {
    const others = viewers.filter((v) => v.name !== me);
    presence.replaceChildren(...others.map((v) => {
      const span = document.createElement("span");
      span.className = "badge presence-" + (v.replying ? "replying" : "viewing");
      span.textContent = (v.replying ? presence.dataset.replying : presence.dataset.viewing).replace("{0}", v.name);
      return span;
    }));
  };
  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/cases").withAutomaticReconnect().build();
  connection.on("presence", (id, viewers) => { if (id === caseId) show(viewers); });
  connection.onreconnected(() => connection.invoke("Watch", caseId));
  connection.start().then(() => connection.invoke("Watch", caseId)).catch(() => {});
  if (reply) {
    let replying = false;
    reply.addEventListener("input", () => {
      const now = reply.value.trim().length > 0;
      if (now !== replying) { replying = now; connection.invoke("Replying", caseId, now).catch(() => {}); }
    });
  }
})();
