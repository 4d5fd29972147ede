// Forms marked .api-form send their fields as JSON to the API (with the page's anti-forgery token) and show the
// API's problem details next to the form; on success the page reloads to show the change.
(() => {
  const token = document.querySelector("meta[name=csrf-token]").content;
  for (const form of document.querySelectorAll("form.api-form")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = {};
      for (const field of form.querySelectorAll("[name]")) {
        const value = field.value.trim();
        if (value === "") continue;
        if (field.hasAttribute("data-list")) body[field.name] = value.split(",").map((v) => v.trim()).filter(Boolean);
        else if (field.hasAttribute("data-number")) body[field.name] = Number(value);
        else body[field.name] = value;
      }
      const response = await fetch(form.dataset.api, {
        method: form.dataset.method || "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", RequestVerificationToken: token },
        body: JSON.stringify(body),
      });
      if (response.ok) { location.reload(); return; }
      const problem = await response.json().catch(() => ({ title: "The server refused the change." }));
      const list = form.querySelector(".error-list");
      const messages = problem.errors ? Object.entries(problem.errors).map(([field, errors]) => field + ": " + errors.join("; ")) : [problem.detail || problem.title];
      list.replaceChildren(...messages.map((m) => { const li = document.createElement("p"); li.textContent = m; return li; }));
    });
  }
})();
