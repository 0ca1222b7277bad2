// The question builder: the knock-out's tick boxes follow the options as they are typed,
// and only the rows that fit the kind of answer show. Without script, all rows show and
// the server keeps the same rules.
(function () {
  "use strict";
  var CHOICES = ["single_choice", "multiple_choice"];

  function labels(text) {
    var seen = {};
    return text.split("\n").map(function (line) {
      return line.split("|")[0].trim();
    }).filter(function (label) {
      var key = label.toLowerCase();
      if (!label || seen[key]) { return false; }
      seen[key] = true;
      return true;
    });
  }

  function rebuild(card) {
    var prefix = card.dataset.prefix;
    var kind = card.querySelector("[name='" + prefix + "-kind']").value;
    var options = card.querySelector("[name='" + prefix + "-options']");
    var group = card.querySelector(".for-eligible fieldset");
    var box = group.querySelector("div[id]") || group.appendChild(document.createElement("div"));
    if (!box.id) { box.id = "id_" + prefix + "-eligible"; }
    var ticked = {};
    box.querySelectorAll("input:checked").forEach(function (input) { ticked[input.value] = true; });
    var values = [];
    if (kind === "yes_no") {
      values = [["yes", card.dataset.yes || "Ja"], ["no", card.dataset.no || "Nej"]];
    } else if (CHOICES.indexOf(kind) >= 0) {
      values = labels(options.value).map(function (label) { return [label, label]; });
    }
    box.textContent = "";
    values.forEach(function (pair, index) {
      var row = document.createElement("div");
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = prefix + "-eligible";
      input.value = pair[0];
      input.id = box.id + "_" + index;
      input.checked = !!ticked[pair[0]];
      label.htmlFor = input.id;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + pair[1]));
      row.appendChild(label);
      box.appendChild(row);
    });
    card.querySelectorAll(".for-choices").forEach(function (row) { row.hidden = CHOICES.indexOf(kind) < 0; });
    card.querySelectorAll(".for-eligible").forEach(function (row) { row.hidden = values.length === 0; });
    card.querySelectorAll(".for-all").forEach(function (row) { row.hidden = kind !== "multiple_choice"; });
    card.querySelectorAll(".for-number").forEach(function (row) { row.hidden = kind !== "number"; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-question]").forEach(function (card) {
      var prefix = card.dataset.prefix;
      card.querySelector("[name='" + prefix + "-kind']").addEventListener("change", function () { rebuild(card); });
      card.querySelector("[name='" + prefix + "-options']").addEventListener("input", function () { rebuild(card); });
    });
  });
})();
