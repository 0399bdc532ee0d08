"use strict";
// Warden report: everything from AWS reaches the page through textContent, never as markup.
(async function () {
  const PAGE = 100;
  const RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFORMATIONAL: 4 };
  const STATUS_RANK = { FAILED: 0, NOT_EVALUATED: 1, EXEMPT: 2, PASSED: 3, NOT_APPLICABLE: 4 };
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };

  const encoded = $("payload").textContent.trim();
  const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const data = JSON.parse(await new Response(stream).text());
  const F = {};
  data.fields.forEach((name, i) => { F[name] = i; });
  const rows = data.rows.map((values, index) => ({
    values, index,
    text: [values[F.rule_id], values[F.controls], values[F.resource_id], values[F.resource_arn],
           values[F.account_id], values[F.region], values[F.annotation]].join(" ").toLowerCase(),
  }));

  const state = { query: "", filters: {}, sort: null, dir: 1, page: 0, open: new Set() };
  let matching = rows;

  for (const select of document.querySelectorAll("#filters select")) {
    const field = select.dataset.field;
    const values = new Set();
    for (const row of rows) {
      const value = row.values[F[field]];
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

  function matches(row) {
    if (state.query && !row.text.includes(state.query)) return false;
    for (const [field, wanted] of Object.entries(state.filters)) {
      if (!wanted) continue;
      const value = row.values[F[field]];
      if (field === "controls" ? !value.split(" ").includes(wanted) : value !== wanted) return false;
    }
    return true;
  }

  function compare(a, b) {
    const i = F[state.sort];
    let x = a.values[i], y = b.values[i];
    if (state.sort === "severity") { x = RANK[x]; y = RANK[y]; return (x - y) * state.dir; }
    if (state.sort === "status") { x = STATUS_RANK[x]; y = STATUS_RANK[y]; return (x - y) * state.dir; }
    return String(x).localeCompare(String(y)) * state.dir;
  }

  function apply() {
    matching = rows.filter(matches);
    if (state.sort) matching.sort(compare);
    render();
  }

  function detail(row) {
    const v = row.values;
    const cell = el("td");
    cell.colSpan = 8;
    const rule = data.rules[v[F.rule_id]] || {};
    cell.appendChild(el("p", v[F.annotation], "annotation"));
    cell.appendChild(el("p", (rule.title || v[F.rule_id]) + (rule.description ? ": " + rule.description : "")));
    const arn = el("p", "Resource: " + v[F.resource_arn] + " (" + v[F.resource_type] + ")", "muted");
    cell.appendChild(arn);
    const fix = data.remediations[v[F.remediation_id]];
    if (fix) {
      cell.appendChild(el("p", "Remediation " + fix.id + ": " + fix.title + " · risk " + fix.risk +
        " · " + (fix.reversible ? "reversible" : "not reversible")));
    }
    const exemption = data.exemptions[String(row.index)];
    if (exemption) {
      cell.appendChild(el("p", "Exempt: " + (exemption.reason || "") + " · owner " + (exemption.owner || "-") +
        " · expires " + (exemption.expires || "never"), "exempt-note"));
    }
    const history = data.audit[v[F.resource_arn]] || [];
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

  function render() {
    const pages = Math.max(1, Math.ceil(matching.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const body = document.querySelector("#rows tbody");
    const fragment = document.createDocumentFragment();
    for (const row of matching.slice(state.page * PAGE, state.page * PAGE + PAGE)) {
      const v = row.values;
      const tr = el("tr", undefined, "row status-" + v[F.status].toLowerCase());
      tr.dataset.index = String(row.index);
      tr.tabIndex = 0;
      for (const value of [v[F.status].toLowerCase().replace(/_/g, " "), v[F.severity], v[F.controls] || "-",
                           v[F.rule_id], v[F.resource_id], v[F.account_id], v[F.region], v[F.annotation]]) {
        tr.appendChild(el("td", value));
      }
      const toggle = () => {
        if (state.open.has(row.index)) state.open.delete(row.index); else state.open.add(row.index);
        render();
      };
      tr.addEventListener("click", toggle);
      tr.addEventListener("keydown", (event) => { if (event.key === "Enter") toggle(); });
      fragment.appendChild(tr);
      if (state.open.has(row.index)) fragment.appendChild(detail(row));
    }
    body.replaceChildren(fragment);
    $("shown").textContent = String(matching.length);
    $("total").textContent = String(rows.length);
    $("page").textContent = String(state.page + 1);
    $("pages").textContent = String(pages);
  }

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
})().catch((error) => {
  document.body.dataset.ready = "error";
  const note = document.createElement("p");
  note.className = "warning";
  note.textContent = "The evaluations could not be shown: " + error;
  document.body.prepend(note);
});
