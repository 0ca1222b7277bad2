// After an HTMX swap: say what changed (the new content's data-announce, in the page's
// one polite live region) and, when the focus was inside what was replaced, put it back
// on the new content instead of leaving it on the page body (WCAG 4.1.3, 2.4.3).
(function () {
  let hadFocus = false;
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    hadFocus = Boolean(target && target.contains(document.activeElement));
  });
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const id = event.detail.target && event.detail.target.id;
    const fresh = (id && document.getElementById(id)) || event.detail.elt;
    if (!fresh || !document.body.contains(fresh)) return;
    const speaker = fresh.matches("[data-announce]") ? fresh : fresh.querySelector("[data-announce]");
    const live = document.getElementById("live-region");
    if (speaker && live) {
      live.textContent = "";
      window.setTimeout(() => { live.textContent = speaker.dataset.announce; }, 50);
    }
    if (hadFocus && (document.activeElement === document.body || !document.activeElement)) {
      const next = fresh.querySelector("[data-focus], button, select, input:not([type=hidden]), a[href], textarea");
      if (next) {
        next.focus();
      } else {
        fresh.setAttribute("tabindex", "-1");
        fresh.focus();
      }
    }
  });
})();
