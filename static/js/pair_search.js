// "Pair by hand" on the matching board: typing a name or an organisation in a list's
// search box narrows that list to the people who fit, and says how many are left.
// Without script, the lists are whole and sorted by name.
(function () {
  "use strict";
  function narrow(search) {
    var list = document.getElementById(search.dataset.pairSearch);
    var count = document.getElementById(search.getAttribute("aria-describedby"));
    var words = search.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    var shown = 0;
    var first = null;
    Array.prototype.forEach.call(list.options, function (option) {
      var text = option.textContent.toLowerCase();
      var fits = words.every(function (word) { return text.indexOf(word) >= 0; });
      option.hidden = !fits;
      option.disabled = !fits;
      if (fits) {
        shown += 1;
        if (first === null) { first = option; }
      }
    });
    var chosen = list.options[list.selectedIndex];
    if ((!chosen || chosen.hidden) && first) { first.selected = true; }
    var text = shown === 1 && search.dataset.foundOne ? search.dataset.foundOne : search.dataset.found || "{n}";
    count.textContent = words.length ? text.replace("{n}", shown) : "";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-pair-search]").forEach(function (search) {
      search.addEventListener("input", function () { narrow(search); });
    });
  });
})();
