// The simulator's page: polls /api/state, renders it, and sends each click to the app.
"use strict";

const LANES = {
  "cache-aside": {
    write: "write: database, then invalidate the key",
    read: "read: cache; on a miss load the row and fill",
  },
  "write-through": {
    write: "write: database, then cache, before the call returns",
    read: "read: cache; on a miss load and fill",
  },
  "write-behind": {
    write: "write: cache and buffer, return at once; flushed later",
    read: "read: cache, then the buffer, then the database",
  },
};

const state = { view: "all", last: null, lastLogSeq: -1, rows: {}, reportKey: "" };

function esc(text) {
  return String(text == null ? "" : text)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function user(value) {
  if (!value) return '<span class="empty">—</span>';
  return `<span class="value">${esc(value.name)} <span class="v">v${esc(value.version)}</span></span>`;
}

function ms(value) {
  return value == null ? "" : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

async function call(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let answer = null;
  try { answer = await response.json(); } catch (e) { answer = null; }
  if (response.ok) {
    document.getElementById("notice").classList.add("hidden");
  } else {
    const error = (answer && (answer.error || (answer.entry && answer.entry.error))) || response.statusText;
    notice(error, false);
  }
  refresh();
  return { ok: response.ok, answer };
}

function notice(text, ok) {
  const el = document.getElementById("notice");
  el.textContent = text;
  el.classList.toggle("ok", !!ok);
  el.classList.remove("hidden");
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => el.classList.add("hidden"), 8000);
}

// ------------------------------------------------------------------ lanes

function laneCard(lane) {
  const card = document.createElement("div");
  card.className = "card lane";
  card.dataset.lane = lane.id;
  card.id = `lane-${lane.id}`;
  card.innerHTML = `
    <div class="lane-head"><h2>${esc(lane.title)}</h2><span class="ttl">TTL ${esc(lane.ttl)}</span></div>
    <div class="paths">${esc(LANES[lane.id].write)}<br>${esc(LANES[lane.id].read)}</div>
    <table><thead><tr><th>key</th><th></th><th>cache</th><th>database</th></tr></thead>
      <tbody></tbody></table>
    <div class="buffer-slot"></div>
    <div class="stats"></div>`;
  return card;
}

function keyRow(laneId, key) {
  const row = document.createElement("tr");
  row.dataset.key = key;
  row.innerHTML = `
    <td class="key">${esc(key)}</td>
    <td class="actions">
      <button data-action="read" data-lane="${laneId}" data-key="${esc(key)}" id="read-${laneId}-${esc(key)}">Read</button>
      <button data-action="write" data-lane="${laneId}" data-key="${esc(key)}" id="write-${laneId}-${esc(key)}">Write</button>
      <button data-action="delete" data-lane="${laneId}" data-key="${esc(key)}" id="delete-${laneId}-${esc(key)}">Delete</button>
    </td>
    <td class="cache" id="cache-${laneId}-${esc(key)}"></td>
    <td class="db" id="db-${laneId}-${esc(key)}"></td>`;
  return row;
}

function setHtml(el, html) {
  if (el.dataset.html !== html) {
    el.innerHTML = html;
    el.dataset.html = html;
  }
}

function renderLanes(s) {
  const box = document.getElementById("lanes");
  box.classList.toggle("single", state.view !== "all");
  for (const lane of s.lanes) {
    let card = document.getElementById(`lane-${lane.id}`);
    if (!card) {
      card = laneCard(lane);
      box.appendChild(card);
    }
    card.classList.toggle("hidden", state.view !== "all" && state.view !== lane.id);
    const body = card.querySelector("tbody");
    const cache = Object.fromEntries(lane.cache.map((e) => [e.key, e]));
    const rows = Object.fromEntries(lane.rows.map((r) => [r.id, r]));
    const ttlMs = lane.ttl.endsWith("min") ? parseFloat(lane.ttl) * 60000 : parseFloat(lane.ttl) * 1000;
    for (const key of s.keys) {
      let row = body.querySelector(`tr[data-key="${CSS.escape(key)}"]`);
      if (!row) {
        row = keyRow(lane.id, key);
        body.appendChild(row);
      }
      const entry = cache[key];
      const dbRow = rows[key];
      let cacheHtml = '<span class="empty">—</span>';
      if (entry) {
        const left = entry.ttlLeftMillis;
        const share = left == null ? 100 : Math.max(0, Math.min(100, (100 * left) / ttlMs));
        cacheHtml = `${entry.value ? user(entry.value) : '<span class="empty">(absent)</span>'}
          <span class="ttl-left">${left == null ? "" : Math.ceil(left / 1000) + " s"}</span>
          <span class="ttlbar"><span style="width:${share.toFixed(0)}%"></span></span>`;
      }
      setHtml(row.querySelector("td.cache"), cacheHtml);
      setHtml(row.querySelector("td.db"), user(dbRow));
      const differs = entry && entry.value && (!dbRow || dbRow.version !== entry.value.version);
      row.classList.toggle("stale", !!differs);
    }
    const st = lane.stats;
    setHtml(card.querySelector(".stats"),
      `hits ${st.hits} · misses ${st.misses} · loads ${st.loads} · stale fills rejected ` +
      `<b id="rejected-${lane.id}">${st.staleFillsRejected}</b> · writes ${st.writes} · deletes ${st.deletes}` +
      (lane.buffer ? ` · flushed ${st.flushedWrites} in ${st.flushCalls} calls · failed attempts ${st.failedFlushAttempts}` : ""));
    setHtml(card.querySelector(".buffer-slot"), lane.buffer ? bufferHtml(lane.buffer) : "");
    if (lane.buffer) {
      // The countdown changes at every poll: only its text, so the panel itself stays put.
      document.getElementById("next-flush").textContent = (lane.buffer.nextFlushInMillis / 1000).toFixed(1);
    }
  }
}

function bufferHtml(b) {
  const share = Math.min(100, (100 * b.depth) / b.capacity);
  const entries = b.entries.map((p) => {
    const what = p.value ? `${esc(p.key)} = ${user(p.value)}` : `delete ${esc(p.key)}`;
    const failing = p.attempts > 0
      ? ` <span class="failing">${p.attempts} failed attempt${p.attempts === 1 ? "" : "s"}${p.stillFailing ? " · still failing" : ""}</span>`
      : "";
    return `<li>${what}${failing}</li>`;
  }).join("");
  return `<div class="buffer" id="buffer">
    <div class="buffer-head"><b>Write-behind buffer</b>
      <span>depth <b id="buffer-depth">${b.depth}</b> / ${b.capacity}</span>
      <span>next flush in <b id="next-flush"></b> s (every ${b.flushEveryMillis / 1000} s)</span></div>
    <div class="meter${b.depth >= b.capacity ? " full" : ""}"><span style="width:${share}%"></span></div>
    ${entries ? `<ul id="buffer-entries">${entries}</ul>` : '<span class="empty" id="buffer-entries">empty: the database has every acknowledged write</span>'}
  </div>`;
}

// ------------------------------------------------------------------ badges, report, latency

function renderBadges(s) {
  const badges = [
    `generation ${s.generation}`,
    `durability: ${s.durability}`,
    `store: ${s.store}`,
    `clock +${s.clockAdvancedSeconds} s`,
    s.latency.enabled ? "simulated network on" : "no simulated latency",
  ].map((b) => `<span class="badge">${esc(b)}</span>`);
  badges.splice(1, 0, s.databaseFailing
    ? '<span class="badge bad" id="db-status">database DOWN</span>'
    : '<span class="badge" id="db-status">database up</span>');
  setHtml(document.getElementById("badges"), badges.join(""));
  const trap = document.getElementById("trap-database");
  trap.classList.toggle("on", s.databaseFailing);
  trap.textContent = s.databaseFailing ? "Database is DOWN: restore it" : "Fail the database";
  const durability = document.getElementById("durability");
  durability.classList.toggle("on", s.durability === "journal");
  durability.textContent = s.durability === "journal"
    ? "Durability: journal (switch to memory)"
    : "Durability: memory (switch to journal)";
}

function renderReport(s) {
  const box = document.getElementById("report");
  const race = s.lastRace;
  const crash = s.lastCrash;
  const key = state.reportKey;
  let html = "";
  if (key === "race" && race) {
    box.className = "report race";
    html = `<h2 id="report-title">Race a write against a fill: ${race.staleFillRejected ? "stale fill rejected" : "fill not rejected"}</h2>
      <p>The read loaded ${user(race.readerLoaded)}; while it was held, a write stored ${user(race.written)} and invalidated ${esc(race.key)}.</p>
      <p>${esc(race.summary)}</p>
      <p>Cache now: ${race.cacheHolds ? user(race.cacheHolds) : '<b id="race-cache">nothing</b>'} · database: ${user(race.databaseHolds)}</p>`;
  } else if (key === "crash" && crash) {
    box.className = "report crash";
    const fate = s.durability === "journal"
      ? "acknowledged, not in the database yet: kept by the journal"
      : "acknowledged, never written";
    const lost = crash.lost.map((p) =>
      `<li>${p.value ? `${esc(p.key)} = ${user(p.value)}` : `delete ${esc(p.key)}`} — ${fate}</li>`).join("");
    html = `<h2 id="report-title">Crash: generation ${crash.crashedGeneration} abandoned, generation ${crash.newGeneration} started</h2>
      <p>${esc(crash.summary)}</p>
      ${lost ? `<ul id="lost">${lost}</ul>` : ""}
      <p>${esc(crash.durability)}</p>
      <p>${esc(crash.caches)} <span class="hint">(close with a zero timeout: ${esc(crash.abandoned)})</span></p>`;
  }
  box.classList.toggle("hidden", !html);
  if (html) setHtml(box, html);
}

function renderLatency(s) {
  const rows = s.latencyTable.map((r) => {
    const scale = 30;
    const a = Math.min(100, (100 * r.articleMs) / scale);
    const m = r.medianMs == null ? 0 : Math.min(100, (100 * r.medianMs) / scale);
    return `<tr data-figure="${r.id}">
      <td>${esc(r.label)}<div class="hint">${esc(r.steps)}</div></td>
      <td class="num">${r.articleMs} ms</td>
      <td class="num" id="measured-${r.id}">${r.medianMs == null ? "—" : ms(r.medianMs)}</td>
      <td class="num">${r.lastMs == null ? "" : ms(r.lastMs)}</td>
      <td class="num">${r.count}</td>
      <td class="bars"><div class="bar article" style="width:${a}%"></div><div class="bar measured" style="width:${m}%"></div></td>
    </tr>`;
  }).join("");
  setHtml(document.getElementById("latency-table"),
    `<thead><tr><th>operation</th><th>article</th><th>measured</th><th>last</th><th>calls</th><th>article / measured</th></tr></thead><tbody>${rows}</tbody>`);
  const form = document.getElementById("latency-form");
  if (!form.contains(document.activeElement)) {
    document.getElementById("lat-enabled").checked = s.latency.enabled;
    for (const k of ["cacheGetMs", "cacheSetMs", "cacheDeleteMs", "dbReadMs", "dbWriteMs"]) {
      document.getElementById(`lat-${k}`).value = s.latency[k];
    }
  }
}

// ------------------------------------------------------------------ log

function time(at) {
  const d = new Date(at);
  return d.toTimeString().slice(0, 8) + "." + String(d.getMilliseconds()).padStart(3, "0");
}

function renderLog(s) {
  const newest = s.log.length ? s.log[0].seq : 0;
  if (newest === state.lastLogSeq) return;
  state.lastLogSeq = newest;
  document.getElementById("log").innerHTML = s.log.map((e) => {
    const steps = e.steps.map((st) =>
      `<span class="step ${esc(st.kind)}"><b>${esc(st.kind)}</b>${st.key && !e.title.includes(st.key) ? " " + esc(st.key) : ""}` +
      `${st.detail ? " · " + esc(st.detail) : ""}${st.ms != null ? " · " + ms(st.ms) : ""}</span>`).join("");
    const lane = e.lane ? `<span class="lane-tag ${esc(e.lane)}">${esc(e.lane)}</span>` : '<span class="lane-tag none">simulator</span>';
    return `<li class="log-entry" data-seq="${e.seq}" data-source="${esc(e.source)}">
      <span class="time">${time(e.at)}</span>
      <span class="who">${lane} ${esc(e.source)} · g${e.generation}</span>
      <span class="what"><span class="title">${esc(e.title)}</span>${e.outcome ? ` <span class="outcome">${esc(e.outcome)}</span>` : ""}
        ${e.error ? `<div class="error">${esc(e.error)}</div>` : ""}
        ${steps ? `<div class="steps">${steps}</div>` : ""}</span>
      <span class="ms">${ms(e.ms)}</span></li>`;
  }).join("");
}

// ------------------------------------------------------------------ decision framework

const QUESTIONS = {
  start: {
    text: "What's your primary concern?",
    answers: [
      ["Fast reads: the same data is read again and again", "reads"],
      ["Consistency: a stale read is a bug (sessions, inventory, prices, permissions)", "write-through"],
      ["Fast writes: write latency or write spikes are the bottleneck", "writes"],
    ],
  },
  reads: {
    text: "After a write, may readers see the old value for a few milliseconds?",
    answers: [
      ["Yes, a moment of staleness is fine (a catalog)", "cache-aside"],
      ["No, every read must see the latest write", "write-through"],
    ],
  },
  writes: {
    text: "If the app crashes, may the last few seconds of writes be lost?",
    answers: [
      ["Yes (view counts, analytics events, metrics)", "write-behind"],
      ["No, an acknowledged write must survive", "write-through-durable"],
    ],
  },
};

const RESULTS = {
  "cache-aside": ["cache-aside", "Cache-Aside",
    "The application owns both paths and the cache is optional: read-heavy data that tolerates a moment of staleness. Most teams should start here. Cachalot closes its race (a stale fill is rejected); try the race trap."],
  "write-through": ["write-through", "Write-Through",
    "The cache layer owns the write path: every write reaches the database and the cache before it returns, so a cached value is the latest. Writes pay for both; try failing the database."],
  "write-behind": ["write-behind", "Write-Behind",
    "The cache absorbs writes and the database catches up later, batched: the fastest writes, at the risk of losing what the buffer held. Watch the buffer, then crash the app."],
  "write-through-durable": ["write-behind", "Write-Behind with a journal, or Write-Through",
    "In memory, write-behind loses what its buffer held in a crash. With Cachalot's local journal (switch Durability to journal) an acknowledged write survives the crash and is written after the restart, at the price of an fsync per write; write-through is the other safe choice. Crash the app in both modes to see the difference."],
};

function renderDecide(step, trail) {
  const box = document.getElementById("decide");
  if (RESULTS[step]) {
    const [lane, title, why] = RESULTS[step];
    box.innerHTML = `<div class="trail">${trail.map(esc).join(" → ")}</div>
      <div class="result" id="decide-result" data-lane="${lane}"><h3>${esc(title)}</h3><p>${esc(why)}</p>
      <button id="decide-open" data-lane="${lane}">Open ${esc(title.replace(" (for now)", ""))} in the simulator</button>
      <button id="decide-restart">Start over</button></div>`;
    document.getElementById("decide-open").onclick = () => {
      setView(lane);
      document.getElementById(`lane-${lane}`).scrollIntoView({ behavior: "smooth" });
    };
    document.getElementById("decide-restart").onclick = () => renderDecide("start", []);
    return;
  }
  const q = QUESTIONS[step];
  box.innerHTML = `${trail.length ? `<div class="trail">${trail.map(esc).join(" → ")}</div>` : ""}
    <div class="question">${esc(q.text)}</div>
    <div class="answers">${q.answers.map(([text, next], i) =>
      `<button data-next="${next}" id="decide-${step}-${i}">${esc(text)}</button>`).join("")}</div>`;
  box.querySelectorAll("button[data-next]").forEach((b) => {
    b.onclick = () => renderDecide(b.dataset.next, trail.concat([b.textContent]));
  });
}

// ------------------------------------------------------------------ wiring

function setView(view) {
  state.view = view;
  document.querySelectorAll("button.view").forEach((b) => b.classList.toggle("active", b.dataset.view === view));
  if (state.last) renderLanes(state.last);
}

async function refresh() {
  try {
    const response = await fetch("api/state");
    if (!response.ok) return;
    const s = await response.json();
    state.last = s;
    renderBadges(s);
    renderLanes(s);
    renderReport(s);
    renderLatency(s);
    renderLog(s);
  } catch (e) {
    // the app is restarting or gone; the next poll tries again
  }
}

function onLaneClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const { action, lane, key } = button.dataset;
  const name = document.getElementById("write-name").value;
  const query = action === "write" && name.trim() ? `?name=${encodeURIComponent(name)}` : "";
  call("POST", `api/lanes/${lane}/keys/${encodeURIComponent(key)}/${action}${query}`);
}

function wire() {
  document.getElementById("lanes").addEventListener("click", onLaneClick);
  document.querySelectorAll("button.view").forEach((b) => (b.onclick = () => setView(b.dataset.view)));
  document.getElementById("add-key").onclick = () => {
    const key = document.getElementById("new-key").value.trim();
    if (key) call("POST", `api/keys/${encodeURIComponent(key)}`);
  };
  document.getElementById("trap-race").onclick = async () => {
    state.reportKey = "race";
    const key = document.getElementById("race-key").value.trim() || "user_1";
    await call("POST", `api/traps/race?key=${encodeURIComponent(key)}`);
  };
  document.getElementById("trap-database").onclick = () =>
    call("POST", `api/traps/database?failing=${!(state.last && state.last.databaseFailing)}`);
  document.getElementById("durability").onclick = () =>
    call("POST", `api/durability?mode=${state.last && state.last.durability === "journal" ? "memory" : "journal"}`);
  document.getElementById("trap-crash").onclick = async () => {
    state.reportKey = "crash";
    await call("POST", "api/traps/crash");
  };
  document.getElementById("trap-advance").onclick = async () => {
    const seconds = document.getElementById("advance-seconds").value || "30";
    const { ok, answer } = await call("POST", `api/traps/advance?seconds=${encodeURIComponent(seconds)}`);
    if (ok) notice(`Clock +${answer.advancedSeconds} s: ${answer.expired.length ? "expired " + answer.expired.join(", ") : "no entry expired"}`, true);
  };
  document.getElementById("flush-now").onclick = () => call("POST", "api/flush");
  document.getElementById("latency-form").onsubmit = (event) => {
    event.preventDefault();
    const settings = { enabled: document.getElementById("lat-enabled").checked };
    for (const k of ["cacheGetMs", "cacheSetMs", "cacheDeleteMs", "dbReadMs", "dbWriteMs"]) {
      settings[k] = parseFloat(document.getElementById(`lat-${k}`).value) || 0;
    }
    document.activeElement.blur();
    call("PUT", "api/latency", settings);
  };
  document.getElementById("lat-article").onclick = () => {
    document.activeElement.blur();
    call("PUT", "api/latency", { enabled: true, cacheGetMs: 1, cacheSetMs: 2, cacheDeleteMs: 1, dbReadMs: 15, dbWriteMs: 14 });
  };
  renderDecide("start", []);
  refresh();
  setInterval(refresh, 500);
}

document.addEventListener("DOMContentLoaded", wire);
