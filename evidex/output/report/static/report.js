/* evidex review page: sort a table by clicking a column header, filter it by typing or choosing.
   No dependencies and no network: the page works opened from file://.
   A record is one <tbody> (its row and its detail line), so sorting and filtering move records whole.
   A sort key is the record's data-k-<column> attribute when the cell's text would sort wrongly, else that text;
   drop-down filters match data-f-<name> ("a|b" = either). */
(function () {
  "use strict";

  function records(table) {
    return Array.prototype.slice.call(table.tBodies);
  }

  function isNumber(s) {
    return s !== "" && isFinite(Number(s));
  }

  function compareKeys(a, b) {
    if (isNumber(a) && isNumber(b)) return Number(a) - Number(b);
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  /* the record's data-k-<name>, else the text of its cell under the header */
  function keyOf(rec, name, column) {
    var key = rec.getAttribute("data-k-" + name);
    if (key !== null) return key;
    var row = rec.rows[0], cell = row && row.cells[column];
    return cell ? cell.textContent.trim().toLowerCase() : "";
  }

  function sortBy(table, th) {
    var name = th.getAttribute("data-key"), column = th.cellIndex;
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var recs = records(table);
    var keys = new Map(recs.map(function (r) { return [r, keyOf(r, name, column)]; }));
    recs.sort(function (x, y) {
      var a = keys.get(x), b = keys.get(y);
      if (a === "" || b === "") return (a === "" ? 1 : 0) - (b === "" ? 1 : 0);  /* blanks last either way */
      return dir * compareKeys(a, b);
    });
    var frag = document.createDocumentFragment();
    recs.forEach(function (r) { frag.appendChild(r); });
    table.appendChild(frag);
  }

  function matches(rec, words, selects) {
    if (words.length) {
      if (rec._text === undefined) rec._text = rec.textContent.toLowerCase();
      for (var i = 0; i < words.length; i++) if (rec._text.indexOf(words[i]) < 0) return false;
    }
    for (var j = 0; j < selects.length; j++) {
      var want = selects[j].value;
      if (!want) continue;
      var have = (rec.getAttribute("data-f-" + selects[j].getAttribute("data-filter")) || "").split("|");
      if (have.indexOf(want) < 0) return false;
    }
    return true;
  }

  function applyFilters(box) {
    var table = document.getElementById(box.getAttribute("data-controls"));
    if (!table) return;
    var input = box.querySelector("[data-filter-text]");
    var words = input ? input.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var selects = box.querySelectorAll("select[data-filter]");
    var recs = records(table), shown = 0;
    recs.forEach(function (rec) {
      var ok = matches(rec, words, selects);
      rec.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = box.querySelector("[data-count]");
    if (count) count.textContent = shown + " of " + recs.length + " " + count.getAttribute("data-noun");
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    table.querySelectorAll("th[data-key]").forEach(function (th) {
      var button = th.querySelector("button") || th;
      button.addEventListener("click", function () { sortBy(table, th); });
    });
  });
  document.querySelectorAll("[data-controls]").forEach(function (box) {
    box.addEventListener("input", function () { applyFilters(box); });
    box.addEventListener("change", function () { applyFilters(box); });
  });
})();
