// A "Print" button: pages with data-print buttons print themselves (no inline script, CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
