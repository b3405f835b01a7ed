// The page: re-analyses the story on every input, marks quotes by source class with their
// speakers, underlines findings, lists them, and draws the sources chart. No network: the
// WebAssembly is decoded from the page itself.
(function () {
  const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
  wasm_bindgen.initSync({ module: bytes });
  const analyse = wasm_bindgen.analyse;
  const $ = (id) => document.getElementById(id);
  const story = $("story"), view = $("view"), list = $("findings"), chart = $("chart");
  const summary = $("summary"), timing = $("timing"), format = $("format");
  // Time of each re-analysis and redraw, and of the analysis alone, for the browser test.
  window.attribTimes = [];
  window.attribAnalyseTimes = [];
  // Source classes in the chart's order, with the colours of their speaker badges.
  const COLORS = { named_person: "#2e8b3a", named_organization: "#2764b0", document: "#7446a8",
    anonymous: "#c86a10", vague: "#b02a2a", passive: "#666666", unresolved: "#8a6a40", none: "#999999" };
  const CLASSES = Object.keys(COLORS);

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v;
    }
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render() {
    const t0 = performance.now();
    const text = story.value;
    const r = JSON.parse(analyse(text, format.value));
    window.attribAnalyseTimes.push(performance.now() - t0);
    // Boundaries of every quote and finding; each piece between two is drawn once, inside
    // its quote's mark (if any) and underlined by the findings covering it.
    const cuts = new Set([0, text.length]);
    for (const q of r.quotes) { cuts.add(q.start); cuts.add(q.end); }
    for (const f of r.findings) { cuts.add(f.start); cuts.add(f.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    let qi = 0, mark = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      while (qi < r.quotes.length && r.quotes[qi].end <= a) qi++;
      const q = qi < r.quotes.length && r.quotes[qi].start <= a && a < r.quotes[qi].end ? r.quotes[qi] : null;
      if (q && (!mark || mark.q !== q)) {
        const who = q.speaker ? (q.refers_to && q.refers_to !== q.speaker ? `${q.speaker} → ${q.refers_to}` : q.speaker) : "no speaker";
        mark = { q, node: el("mark", { class: `quote c-${q.class}`, title: `${who} (${q.class})`,
          "data-class": q.class, "data-speaker": q.speaker || "" }) };
        frag.appendChild(mark.node);
      } else if (!q) {
        mark = null;
      }
      const sev = r.findings.filter((f) => f.start <= a && b <= f.end && f.start < f.end);
      const piece = sev.length
        ? el("span", { class: `finding ${sev[0].severity}`, title: sev.map((f) => `${f.rule}: ${f.message}`).join("\n") }, text.slice(a, b))
        : document.createTextNode(text.slice(a, b));
      (mark ? mark.node : frag).appendChild(piece);
      if (mark && b === q.end) {
        frag.appendChild(el("sup", { class: `who c-${q.class}` }, q.refers_to || q.speaker || "?"));
        mark = null;
      }
    }
    view.replaceChildren(frag);
    list.replaceChildren(...r.findings.map((f) => {
      const li = el("li", { class: f.severity, "data-rule": f.rule });
      li.append(el("code", {}, f.rule), ` line ${f.line}: ${f.message}`);
      return li;
    }));
    const share = r.attributed ? Math.round((100 * r.unnamed) / r.attributed) : 0;
    summary.textContent = `${r.quotes.length} quotes, ${r.attributed} with a speaker; unnamed (anonymous or vague): ${r.unnamed} of ${r.attributed} (${share}%).`;
    const rows = CLASSES.filter((c) => r.by_class[c]);
    const max = Math.max(1, ...rows.map((c) => r.by_class[c]));
    chart.setAttribute("height", String(rows.length * 22 + 6));
    chart.replaceChildren(...rows.flatMap((c, i) => {
      const ns = "http://www.w3.org/2000/svg";
      const label = document.createElementNS(ns, "text");
      label.setAttribute("x", "0"); label.setAttribute("y", String(i * 22 + 16));
      label.setAttribute("font-size", "12"); label.textContent = c.replace("_", " ");
      const bar = document.createElementNS(ns, "rect");
      bar.setAttribute("x", "130"); bar.setAttribute("y", String(i * 22 + 4));
      bar.setAttribute("height", "16"); bar.setAttribute("width", String(Math.max(2, (170 * r.by_class[c]) / max)));
      bar.setAttribute("class", `c-${c}`); bar.setAttribute("data-class", c);
      bar.setAttribute("fill", COLORS[c]);
      const n = document.createElementNS(ns, "text");
      n.setAttribute("x", String(136 + (170 * r.by_class[c]) / max)); n.setAttribute("y", String(i * 22 + 16));
      n.setAttribute("font-size", "12"); n.textContent = String(r.by_class[c]);
      return [label, bar, n];
    }));
    const ms = performance.now() - t0;
    window.attribTimes.push(ms);
    timing.textContent = `${text.length.toLocaleString()} characters analysed in ${ms.toFixed(1)} ms`;
  }
  story.addEventListener("input", render);
  format.addEventListener("change", render);
  render();
})();
