// Forms marked .api-form send their fields as JSON to the API (with the page's anti-forgery token) and show the
// API's problem details next to the form; on success the page reloads to show the change. Each error names the
// label the person sees (not the API's field name) and is tied to its input with aria-describedby.
(() => {
  const token = document.querySelector("meta[name=csrf-token]").content;

  // The words of an input's label, without the input's own text (a label wraps its input here).
  const labelOf = (field) => {
    const label = field.closest("label") || (field.id && document.querySelector(`label[for="${CSS.escape(field.id)}"]`));
    if (!label) return null;
    const words = [...label.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(" ").trim();
    return words || label.textContent.trim();
  };

  const clearErrors = (form) => {
    form.querySelector(".error-list").replaceChildren();
    for (const field of form.querySelectorAll("[aria-invalid]")) {
      field.removeAttribute("aria-invalid");
      const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.startsWith(`${form.id}-error-`));
      if (ids.length) field.setAttribute("aria-describedby", ids.join(" ")); else field.removeAttribute("aria-describedby");
    }
  };

  const showErrors = (form, errors) => {
    const list = form.querySelector(".error-list");
    let index = 0;
    list.replaceChildren(...errors.map(([name, message]) => {
      const line = document.createElement("p");
      line.id = `${form.id}-error-${index++}`;
      // "policy.sla_warning_minutes" is reported against the form's "policy" field, if it has one.
      const field = name ? form.querySelector(`[name="${CSS.escape(name)}"]:not([type=hidden])`) || form.querySelector(`[name="${CSS.escape(name.split(".")[0])}"]:not([type=hidden])`) : null;
      const label = field ? labelOf(field) : null;
      line.textContent = label ? `${label}: ${message}` : message;
      if (field) {
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), line.id].filter(Boolean).join(" "));
      }
      return line;
    }));
    const first = form.querySelector("[aria-invalid=true]");
    if (first) first.focus();
  };

  for (const form of document.querySelectorAll("form.api-form[data-api]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = {};
      for (const field of form.querySelectorAll("[name]")) {
        if (field.type === "checkbox") { body[field.name] = field.checked; continue; }
        const value = field.value.trim();
        // A day left blank is "closed": arrays keep their blanks and their order.
        if (field.hasAttribute("data-array")) { (body[field.name] ||= []).push(value); continue; }
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
      clearErrors(form);
      showErrors(form, problem.errors
        ? Object.entries(problem.errors).map(([field, errors]) => [field, errors.join("; ")])
        : [[problem.field || "", problem.detail || problem.title]]);
    });
  }
})();
