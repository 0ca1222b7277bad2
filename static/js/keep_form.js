// Switching the language reloads the page; what was typed in a form marked
// data-keep-on-language is kept in this tab (sessionStorage, never sent anywhere) and
// put back after the reload. Files and passwords are not kept; the store is emptied
// as soon as it is used, and when the form is sent.
(function () {
  const form = document.querySelector("form[data-keep-on-language]");
  if (!form) return;
  const key = "kept-form:" + window.location.pathname;
  // Consent is given again, to the text in the language now shown; the email language
  // follows the language the form is now read in.
  const skip = (el) =>
    !el.name || ["file", "password", "hidden"].includes(el.type) ||
    ["csrfmiddlewaretoken", "consent", "website", "preferred_language"].includes(el.name);
  const saved = window.sessionStorage.getItem(key);
  if (saved) {
    window.sessionStorage.removeItem(key);
    const values = JSON.parse(saved);
    for (const el of form.elements) {
      if (skip(el) || !(el.name in values)) continue;
      const value = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(value) ? value.includes(el.value) : value === el.value;
      } else if (el.tagName === "SELECT" && el.multiple) {
        for (const option of el.options) option.selected = value.includes(option.value);
      } else {
        el.value = value;
      }
    }
  }
  form.addEventListener("submit", () => window.sessionStorage.removeItem(key));
  for (const switcher of document.querySelectorAll("form.language-switcher")) {
    switcher.addEventListener("submit", () => {
      const values = {};
      for (const el of form.elements) {
        if (skip(el)) continue;
        if (el.type === "checkbox" || el.type === "radio") {
          if (!el.checked) continue;
          values[el.name] = el.type === "checkbox" ? [...(values[el.name] || []), el.value] : el.value;
        } else if (el.tagName === "SELECT" && el.multiple) {
          values[el.name] = Array.from(el.selectedOptions).map((o) => o.value);
        } else {
          values[el.name] = el.value;
        }
      }
      window.sessionStorage.setItem(key, JSON.stringify(values));
    });
  }
})();
