// The Channels page's Pause/Resume and Edit buttons. Edit loads the channel (GET /api/channels/{id}) into the add
// form, which channels.js then sends as PUT: secrets are never shown, so their inputs stay blank ("keep it").
(() => {
  const token = document.querySelector("meta[name=csrf-token]").content;
  const form = document.getElementById("add-channel");
  const kind = document.getElementById("channel-kind");

  for (const button of document.querySelectorAll("button.pause-channel")) {
    button.addEventListener("click", async () => {
      const response = await fetch(`/api/channels/${encodeURIComponent(button.dataset.id)}/${button.dataset.action}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { RequestVerificationToken: token },
      });
      if (response.ok) { location.reload(); return; }
      const problem = await response.json().catch(() => ({ title: response.statusText }));
      alert(problem.detail || problem.title);
    });
  }

  for (const button of document.querySelectorAll("button.edit-channel")) {
    button.addEventListener("click", async () => {
      const response = await fetch(`/api/channels/${encodeURIComponent(button.dataset.id)}`, { credentials: "same-origin" });
      if (!response.ok) return;
      const channel = await response.json();
      kind.value = channel.kind;
      kind.dispatchEvent(new Event("change"));
      kind.disabled = true;
      form.elements.workspace.value = channel.workspace;
      form.elements.workspace.readOnly = true;
      form.elements.name.value = channel.name;
      for (const input of form.querySelectorAll(`fieldset[data-kind="${CSS.escape(channel.kind)}"] [data-setting]`)) {
        const key = input.dataset.setting;
        const value = channel.settings[key];
        if (input.type === "password") {
          input.value = "";
          input.placeholder = channel.secrets_set.includes(key) ? form.dataset.secretKept : "";
        } else if (input.type === "checkbox") input.checked = Boolean(value);
        else if (Array.isArray(value)) input.value = value.join("\n");
        else input.value = value ?? "";
      }
      form.dataset.editId = channel.id;
      const heading = document.getElementById("add-channel-heading");
      heading.textContent = heading.dataset.editing.replace("{0}", channel.name);
      const submit = form.querySelector("button[type=submit]");
      submit.textContent = submit.dataset.update;
      form.querySelector(".cancel-channel-edit").hidden = false;
      heading.scrollIntoView({ block: "start" });
      form.elements.name.focus();
    });
  }
})();
