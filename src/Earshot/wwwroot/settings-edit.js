// Edit and Delete on rows of the settings, topics and channels pages. Edit fills the row's form with its values and
// points the form at PUT {data-api}; Delete asks in the page's <dialog id="confirm-delete"> (which says what deleting
// does) before sending DELETE {data-api}. Names are set as text, never as HTML.
(() => {
  const token = document.querySelector("meta[name=csrf-token]").content;

  const fill = (form, values) => {
    const arrays = {};
    for (const field of form.querySelectorAll("[name]")) {
      if (!(field.name in values) || field.type === "hidden") continue;
      const value = values[field.name];
      if (field.hasAttribute("data-array")) {
        const at = arrays[field.name] = (arrays[field.name] ?? -1) + 1;
        field.value = Array.isArray(value) ? value[at] ?? "" : "";
      } else if (Array.isArray(value)) field.value = value.join(", ");
      else if (field.type === "checkbox") field.checked = Boolean(value);
      else field.value = value ?? "";
    }
  };

  for (const button of document.querySelectorAll("button.edit-row")) {
    button.addEventListener("click", () => {
      const form = document.getElementById(button.dataset.form);
      const values = JSON.parse(button.dataset.values);
      form.dataset.createApi ??= form.dataset.api;
      form.dataset.createMethod ??= form.dataset.method || "POST";
      form.dataset.api = button.dataset.api;
      form.dataset.method = "PUT";
      fill(form, values);
      form.querySelector(".form-mode").textContent = form.dataset.editing.replace("{0}", values.name ?? "");
      const submit = form.querySelector("button[type=submit]");
      submit.textContent = submit.dataset.update;
      form.querySelector(".cancel-edit").hidden = false;
      form.scrollIntoView({ block: "nearest" });
      form.querySelector("[name]:not([type=hidden])").focus();
    });
  }

  for (const cancel of document.querySelectorAll("button.cancel-edit")) {
    cancel.addEventListener("click", () => {
      const form = cancel.closest("form");
      form.reset();
      form.dataset.api = form.dataset.createApi;
      form.dataset.method = form.dataset.createMethod;
      form.querySelector(".form-mode").textContent = "";
      const submit = form.querySelector("button[type=submit]");
      submit.textContent = submit.dataset.create;
      cancel.hidden = true;
      form.querySelector("[name]:not([type=hidden])").focus();
    });
  }

  const dialog = document.getElementById("confirm-delete");
  if (!dialog) return;
  let pending = null;
  const error = document.getElementById("confirm-delete-error");
  for (const button of document.querySelectorAll("button.delete-row")) {
    button.addEventListener("click", () => {
      pending = button;
      document.getElementById("confirm-delete-title").textContent = dialog.dataset.title.replace("{0}", button.dataset.name);
      document.getElementById("confirm-delete-consequence").textContent = button.dataset.consequence;
      error.textContent = "";
      dialog.showModal();
    });
  }
  document.getElementById("confirm-delete-no").addEventListener("click", () => dialog.close());
  // Focus goes back to the button that opened the dialog.
  dialog.addEventListener("close", () => { if (pending) pending.focus(); });
  document.getElementById("confirm-delete-yes").addEventListener("click", async () => {
    const response = await fetch(pending.dataset.api, {
      method: "DELETE",
      credentials: "same-origin",
      headers: { RequestVerificationToken: token },
    });
    if (response.ok) { location.reload(); return; }
    const problem = await response.json().catch(() => ({ title: response.statusText }));
    error.textContent = dialog.dataset.refused.replace("{0}", problem.detail || problem.title);
  });
})();
