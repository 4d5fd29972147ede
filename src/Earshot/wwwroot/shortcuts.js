// Keyboard shortcuts for the inbox and the case page. j/k move through the cases, Enter opens one (the row's link
// has the focus), x selects it, n takes the next case, r focuses the reply box and e resolves (on a case), ? lists
// the keys. Keys never fire while typing in a field, nor with Ctrl, Alt or Meta held.
(() => {
  const typing = (target) => target instanceof HTMLElement
    && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

  const rows = () => [...document.querySelectorAll("tr.case-row")];
  const currentRow = () => document.activeElement?.closest?.("tr.case-row") ?? document.querySelector("tr.case-row.current");
  const move = (step) => {
    const all = rows();
    if (all.length === 0) return;
    const at = all.indexOf(currentRow());
    const next = all[at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + step))];
    for (const row of all) row.classList.toggle("current", row === next);
    next.querySelector("a")?.focus();
  };

  // The list of keys: a modal dialog that keeps the focus inside and gives it back when closed.
  const dialog = document.getElementById("shortcuts-dialog");
  let returnTo = null;
  const focusable = () => [...dialog.querySelectorAll("button, a[href], input, select, textarea, [tabindex]:not([tabindex='-1'])")];
  const openHelp = () => {
    if (!dialog || !dialog.hidden) return;
    returnTo = document.activeElement;
    dialog.hidden = false;
    document.getElementById("shortcuts-close")?.focus();
  };
  const closeHelp = () => {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    returnTo?.focus?.();
  };
  document.getElementById("shortcuts-open")?.addEventListener("click", openHelp);
  document.getElementById("shortcuts-close")?.addEventListener("click", closeHelp);
  dialog?.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      closeHelp();
    } else if (event.key === "Tab") {
      const items = focusable();
      const first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  });

  const replyBox = () => document.getElementById("reply-text")
    ?? document.querySelector("#reply-form textarea, textarea[name='Text']");
  const resolve = () => {
    const form = document.querySelector("form[action*='handler=Status']");
    const select = form?.querySelector("select");
    if (!form || !select || ![...select.options].some((o) => o.value === "resolved")) return;
    select.value = "resolved";
    form.requestSubmit();
  };

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
    if (dialog && !dialog.hidden) return;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "x": {
        const box = currentRow()?.querySelector("input.select-case");
        if (!box) return;
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change", { bubbles: true }));
        break;
      }
      case "n": {
        const next = document.getElementById("next-form");
        if (!next) return;
        next.requestSubmit();
        break;
      }
      case "r": {
        const box = replyBox();
        if (!box) return;
        box.focus();
        break;
      }
      case "e": {
        if (!document.querySelector("form[action*='handler=Status']")) return;
        resolve();
        break;
      }
      case "?": openHelp(); break;
      default: return;
    }
    event.preventDefault();
  });
})();
