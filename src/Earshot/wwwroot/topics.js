// The rule tester: as the query changes, ask the server what it would have matched and show counts and samples.
// Post text is untrusted, so every piece goes in through textContent, never innerHTML.
(() => {
  const query = document.getElementById("Query");
  const workspace = document.getElementById("Workspace");
  const status = document.getElementById("tester-status");
  const days = document.getElementById("tester-days");
  const samples = document.getElementById("tester-samples");
  if (!query) return;
  // The tester's sentences come from the page (localised); only the numbers and the rule are filled in here.
  const words = document.getElementById("tester").dataset;

  let timer = 0;
  let latest = 0;

  const highlight = (text, ranges) => {
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
      if (range.start < at) continue;
      fragment.append(text.slice(at, range.start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(range.start, range.start + range.length);
      fragment.append(mark);
      at = range.start + range.length;
    }
    fragment.append(text.slice(at));
    return fragment;
  };

  const run = async () => {
    const text = query.value.trim();
    const ticket = ++latest;
    if (!text) { status.textContent = "Type a query to see what it would have matched in the last 30 days."; days.hidden = true; samples.replaceChildren(); return; }
    status.textContent = "Testing…";
    const response = await fetch("/api/topics/test", {
      credentials: "same-origin",
      method: "POST",
      headers: { "Content-Type": "application/json", RequestVerificationToken: document.querySelector("meta[name=csrf-token]").content },
      body: JSON.stringify({ query: text, workspace: workspace.value || null }),
    });
    if (ticket !== latest) return;
    const body = await response.json();
    if (!response.ok) {
      status.textContent = (body.errors && body.errors.query && body.errors.query[0]) || body.title || words.failed;
      days.hidden = true;
      samples.replaceChildren();
      return;
    }
    const counts = [String(body.count), String(body.scanned)];
    status.textContent = (body.truncated ? words.truncated : words.result).replace(/\{(\d)\}/g, (_, i) => counts[Number(i)]);
    const xRule = document.getElementById("tester-x-rule");
    xRule.textContent = words.xRule.replace("{0}", body.x_rule.rule ? `${body.x_rule.rule} (${body.x_rule.summary})` : body.x_rule.summary);
    xRule.hidden = false;
    const rows = body.per_day.map(d => { const tr = document.createElement("tr"); const a = document.createElement("td"); a.textContent = d.day; const b = document.createElement("td"); b.textContent = d.count; tr.append(a, b); return tr; });
    days.tBodies[0].replaceChildren(...rows);
    days.hidden = rows.length === 0;
    samples.replaceChildren(...body.samples.map(s => {
      const li = document.createElement("li");
      li.className = "post sample";
      const meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = `@${s.author} · ${s.channel} · `;
      const time = document.createElement("time");
      time.dateTime = s.created_at;
      time.dataset.local = "";
      time.textContent = `${s.created_at.slice(0, 16).replace("T", " ")} UTC`;
      meta.append(time);
      const p = document.createElement("p");
      p.className = "text";
      p.append(highlight(s.text, s.highlights));
      li.append(meta, p);
      return li;
    }));
    window.earshotLocalTimes?.(samples);
  };

  const schedule = () => { clearTimeout(timer); timer = setTimeout(run, 350); };
  query.addEventListener("input", schedule);
  workspace.addEventListener("change", schedule);
  if (query.value.trim()) schedule();
})();
