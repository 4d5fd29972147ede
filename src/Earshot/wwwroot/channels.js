// The Channels page's add form and remove buttons. Both call /api/channels with the page's anti-forgery token; the
// API's problem details are shown next to the field they name. Everything shown is set as text, never as HTML.
(() => {
  const token = document.querySelector("meta[name=csrf-token]").content;
  const form = document.getElementById("add-channel");
  const kind = document.getElementById("channel-kind");
  const sections = form.querySelectorAll("fieldset[data-kind]");
  const nameHelp = document.getElementById("channel-name-help");

  // Only the chosen kind's fields are shown and sent; the name's help says how that kind names a channel.
  const showKind = () => {
    for (const section of sections) {
      const active = section.dataset.kind === kind.value;
      section.hidden = !active;
      section.disabled = !active;
    }
    nameHelp.textContent = kind.selectedOptions[0]?.dataset.nameHelp ?? "";
  };
  kind.addEventListener("change", showKind);
  showKind();

  const clearErrors = () => {
    form.querySelector(".error-list").replaceChildren();
    for (const slot of form.querySelectorAll("[data-error-for]")) slot.textContent = "";
  };

  const showError = (field, message) => {
    // Several kinds share setting names (base_url): the slot is the one in the shown fieldset.
    const slot = [...form.querySelectorAll(`[data-error-for="${CSS.escape(field)}"]`)].find((s) => !s.closest("fieldset[disabled]"));
    if (slot) { slot.textContent = message; return; }
    const line = document.createElement("p");
    line.textContent = field ? `${field}: ${message}` : message;
    form.querySelector(".error-list").append(line);
  };

  const settingValue = (input) => {
    if (input.type === "checkbox") return input.checked;
    if (input.hasAttribute("data-list")) return input.value.split(/[\s,]+/).filter(Boolean);
    // Secrets are sent exactly as typed; other values lose stray spaces.
    const value = input.type === "password" ? input.value : input.value.trim();
    if (value === "") return undefined;
    return input.type === "number" && !Number.isNaN(Number(value)) ? Number(value) : value;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const settings = {};
    for (const input of form.querySelectorAll(`fieldset[data-kind="${CSS.escape(kind.value)}"] [data-setting]`)) {
      const value = settingValue(input);
      if (value !== undefined && !(Array.isArray(value) && value.length === 0)) settings[input.dataset.setting] = value;
    }
    const body = { kind: kind.value, settings };
    const workspace = form.elements.workspace.value.trim();
    const name = form.elements.name.value.trim();
    if (workspace) body.workspace = workspace;
    if (name) body.name = name;
    // channels-edit.js points the form at one channel: PUT its id (secrets left blank keep their stored value).
    const editing = form.dataset.editId;
    const response = await fetch(editing ? `/api/channels/${encodeURIComponent(editing)}` : "/api/channels", {
      method: editing ? "PUT" : "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", RequestVerificationToken: token },
      body: JSON.stringify(body),
    });
    const note = document.getElementById("channel-generated");
    const answer = await response.json().catch(() => ({ title: note.dataset.refused }));
    if (response.ok) {
      const generated = answer.generated_secrets;
      if (!generated) { location.reload(); return; }
      // A secret the server made up is shown once, here; it is not stored readable anywhere else.
      note.replaceChildren(...Object.entries(generated).map(([key, value]) => {
        const line = document.createElement("p");
        const values = [answer.name, key, value];
        line.textContent = note.dataset.added.replace(/\{(\d)\}/g, (_, i) => values[Number(i)]);
        return line;
      }));
      note.hidden = false;
      return;
    }
    if (answer.errors) {
      for (const [field, messages] of Object.entries(answer.errors)) showError(field, messages.join("; "));
    } else {
      showError(answer.field || "", answer.detail || answer.title);
    }
  });

  for (const button of document.querySelectorAll("button.remove-channel")) {
    button.addEventListener("click", async () => {
      if (!confirm(button.dataset.confirm.replace("{0}", button.dataset.name))) return;
      const response = await fetch(`/api/channels/${encodeURIComponent(button.dataset.id)}`, {
        method: "DELETE",
        credentials: "same-origin",
        headers: { RequestVerificationToken: token },
      });
      if (response.ok) { location.reload(); return; }
      const problem = await response.json().catch(() => ({ title: "The server refused to remove it." }));
      alert(problem.detail || problem.title);
    });
  }
})();
