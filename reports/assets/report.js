"use strict";
// Warden report: everything from AWS reaches the page through textContent, never as markup.
(async function () {
  const PAGE = 100;
  const RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFORMATIONAL: 4 };
  const STATUS_RANK = { FAILED: 0, NOT_EVALUATED: 1, EXEMPT: 2, PASSED: 3, NOT_APPLICABLE: 4 };
  const SEARCHED = ["rule_id", "controls", "resource_id", "resource_arn", "account_id", "region", "annotation"];
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };

  const binary = atob($("payload").textContent.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const data = await new Response(stream).json();
  const count = data.count;
  // Each column is its distinct values plus each row's index into them ("codes"), or plain values when few repeat.
  const columns = data.columns;
  // Readers of each column by row, of values as they are or converted (once per distinct value, not per row).
  // An ARN travels without the resource id it ends with, unless it does not end with it.
  function readers(convert) {
    const read = {};
    for (const [field, { values, codes }] of Object.entries(columns)) {
      const converted = convert ? values.map(convert) : values;
      read[field] = codes ? (row) => converted[codes[row]] : (row) => converted[row];
    }
    const head = read.resource_arn, whole = columns.resource_arn.whole;
    read.resource_arn = (row) => row in whole ? (convert ? convert(whole[row]) : whole[row]) : head(row) + read.resource_id(row);
    return read;
  }
  const get = readers();
  const everyRow = Array.from({ length: count }, (_, row) => row);

  const state = { query: "", filters: {}, sort: null, dir: 1, page: 0, open: new Set() };
  let matching = everyRow;

  // The search text of each row, built while the page is idle (or at the first search, whichever comes first).
  const texts = new Array(count);
  let indexed = 0, lowered = null;
  function indexUpTo(end) {
    lowered ??= readers((value) => value.toLowerCase());
    const parts = SEARCHED.map((field) => lowered[field]);
    // join() makes one flat string; "+=" would leave a rope that the first search would have to flatten.
    for (; indexed < end; indexed++) texts[indexed] = parts.map((part) => part(indexed)).join(" ");
  }
  const idle = window.requestIdleCallback || ((work) => setTimeout(() => work({ timeRemaining: () => 8 }), 1));
  function indexWhileIdle(deadline) {
    while (indexed < count && deadline.timeRemaining() > 2) indexUpTo(Math.min(count, indexed + 500));
    if (indexed < count) idle(indexWhileIdle);
  }

  for (const select of document.querySelectorAll("#filters select")) {
    const field = select.dataset.field;
    const values = new Set();
    for (const value of columns[field].values) {  // a coded column's values are already distinct
      if (field === "controls") value.split(" ").filter(Boolean).forEach((v) => values.add(v));
      else if (value) values.add(value);
    }
    const sorted = [...values].sort((a, b) => field === "severity" ? RANK[a] - RANK[b] : a.localeCompare(b));
    for (const value of sorted) {
      const option = el("option", value.toLowerCase().replace(/_/g, " "));
      option.value = value;
      select.appendChild(option);
    }
    select.addEventListener("change", () => {
      state.filters[field] = select.value;
      state.page = 0;
      apply();
    });
  }

  // Whether a row's field holds the wanted value: on a coded column, decided once per distinct value.
  function fieldTest(field, wanted) {
    const { values, codes } = columns[field];
    const accepts = field === "controls" ? (value) => value.split(" ").includes(wanted) : (value) => value === wanted;
    if (!codes) return (row) => accepts(values[row]);
    const accepted = values.map(accepts);
    return (row) => accepted[codes[row]];
  }

  // Each row's rank when sorted by a field (equal values share one), so that sorting compares integers.
  const ranks = new Map();
  function rankOf(field) {
    if (ranks.has(field)) return ranks.get(field);
    const { values, codes } = columns[field];
    const order = field === "severity" ? RANK : field === "status" ? STATUS_RANK : null;
    const collator = new Intl.Collator();
    const compare = order
      ? (a, b) => (order[values[a]] ?? 99) - (order[values[b]] ?? 99)
      : (a, b) => collator.compare(values[a], values[b]);
    const byValue = new Int32Array(values.length);
    const sorted = Array.from(values.keys()).sort(compare);
    sorted.forEach((value, position) => {
      byValue[value] = position && compare(sorted[position - 1], value) === 0 ? byValue[sorted[position - 1]] : position;
    });
    const rank = codes ? Int32Array.from(codes, (code) => byValue[code]) : byValue;
    ranks.set(field, rank);
    return rank;
  }

  function apply() {
    const tests = [];
    if (state.query) {
      indexUpTo(count);
      const query = state.query;
      tests.push((row) => texts[row].includes(query));
    }
    for (const [field, wanted] of Object.entries(state.filters)) if (wanted) tests.push(fieldTest(field, wanted));
    if (tests.length) {
      matching = [];
      for (let row = 0; row < count; row++) if (tests.every((test) => test(row))) matching.push(row);
    } else {
      matching = state.sort ? everyRow.slice() : everyRow;
    }
    if (state.sort) {
      const rank = rankOf(state.sort);
      const dir = state.dir;
      matching.sort((a, b) => (rank[a] - rank[b]) * dir);
    }
    render();
  }

  function detail(row) {
    const v = (field) => get[field](row);
    const cell = el("td");
    cell.colSpan = 8;
    const rule = data.rules[v("rule_id")] || {};
    cell.appendChild(el("p", v("annotation"), "annotation"));
    cell.appendChild(el("p", (rule.title || v("rule_id")) + (rule.description ? ": " + rule.description : "")));
    cell.appendChild(el("p", "Resource: " + v("resource_arn") + " (" + v("resource_type") + ")", "muted"));
    const fix = data.remediations[v("remediation_id")];
    if (fix) {
      cell.appendChild(el("p", "Remediation " + fix.id + ": " + fix.title + " · risk " + fix.risk +
        " · " + (fix.reversible ? "reversible" : "not reversible")));
    }
    const exemption = data.exemptions[String(row)];
    if (exemption) {
      cell.appendChild(el("p", "Exempt: " + (exemption.reason || "") + " · owner " + (exemption.owner || "-") +
        " · expires " + (exemption.expires || "never"), "exempt-note"));
    }
    const history = data.audit[v("resource_arn")] || [];
    if (history.length) {
      const list = el("ol", undefined, "history");
      for (const entry of history) {
        const item = el("li", [entry.time, entry.outcome, entry.rule, entry.actor, entry.detail].filter(Boolean).join(" · "));
        if (entry.diff) item.appendChild(el("pre", entry.diff));
        list.appendChild(item);
      }
      cell.appendChild(el("p", "Audit history:"));
      cell.appendChild(list);
    } else {
      cell.appendChild(el("p", "No audit records for this resource.", "muted"));
    }
    const tr = el("tr", undefined, "detail");
    tr.appendChild(cell);
    return tr;
  }

  const body = document.querySelector("#rows tbody");
  function render() {
    const pages = Math.max(1, Math.ceil(matching.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const fragment = document.createDocumentFragment();
    for (const row of matching.slice(state.page * PAGE, state.page * PAGE + PAGE)) {
      const status = get.status(row);
      const tr = el("tr", undefined, "row status-" + status.toLowerCase());
      tr.dataset.index = String(row);
      tr.tabIndex = 0;
      for (const value of [status.toLowerCase().replace(/_/g, " "), get.severity(row), get.controls(row) || "-",
                           get.rule_id(row), get.resource_id(row), get.account_id(row), get.region(row),
                           get.annotation(row)]) {
        tr.appendChild(el("td", value));
      }
      fragment.appendChild(tr);
      if (state.open.has(row)) fragment.appendChild(detail(row));
    }
    body.replaceChildren(fragment);
    $("shown").textContent = String(matching.length);
    $("total").textContent = String(count);
    $("page").textContent = String(state.page + 1);
    $("pages").textContent = String(pages);
  }

  // One listener for every row, rather than two per row on each page drawn.
  function toggle(event) {
    const tr = event.target.closest("tr.row");
    if (!tr) return;
    const row = Number(tr.dataset.index);
    if (state.open.has(row)) state.open.delete(row); else state.open.add(row);
    render();
  }
  body.addEventListener("click", toggle);
  body.addEventListener("keydown", (event) => { if (event.key === "Enter") toggle(event); });

  let pending = null;
  $("search").addEventListener("input", (event) => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      state.query = event.target.value.trim().toLowerCase();
      state.page = 0;
      apply();
    }, 80);
  });
  $("prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); render(); });
  $("next").addEventListener("click", () => { state.page += 1; render(); });
  for (const th of document.querySelectorAll("th[data-sort]")) {
    th.addEventListener("click", () => {
      state.dir = state.sort === th.dataset.sort ? -state.dir : 1;
      state.sort = th.dataset.sort;
      apply();
    });
  }
  apply();
  document.body.dataset.ready = "true";
  idle(indexWhileIdle);
})().catch((error) => {
  document.body.dataset.ready = "error";
  const note = document.createElement("p");
  note.className = "warning";
  note.textContent = "The evaluations could not be shown: " + error;
  document.body.prepend(note);
});
