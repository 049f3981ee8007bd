// affiches serve: what the script adds to a page that works without it.
// Every button still posts the whole form and the server answers with the
// page, a file, or the page with the problems. The script adds: the live
// poster preview, a draft of the form kept in this browser, the fields of
// the profile's languages shown as the region or languages change, and
// copy buttons for the embed snippets.
"use strict";
(function () {
  const form = document.getElementById("profile");
  if (!form) return;
  const KEY = "affiches-draft-v1";
  const LANGS = ["fr", "nl", "de", "en"];
  const body = document.body;
  const summary = document.getElementById("summary");

  // The form's text values (files are sent only by their buttons).
  function entries() {
    const out = [];
    for (const [k, v] of new FormData(form)) {
      if (typeof v === "string" && k !== "ui") out.push([k, v]);
    }
    return out;
  }

  // --- The languages of the profile decide which per-language fields show.
  function profileLangs() {
    const typed = (form.elements["languages"] ? form.elements["languages"].value : "")
      .toLowerCase().split(/[\s,;+/]+/).filter(function (l) { return LANGS.includes(l); });
    if (typed.length) return typed;
    const region = form.elements["region"];
    const opt = region && region.selectedOptions[0];
    if (opt && opt.dataset.langs) return opt.dataset.langs.split(/[\s,]+/);
    return ["fr", "nl"];
  }
  function showLangs() {
    const set = profileLangs();
    form.querySelectorAll(".field[data-lang]").forEach(function (f) {
      f.hidden = !set.includes(f.dataset.lang) && !f.classList.contains("invalid");
    });
  }
  form.addEventListener("change", function (e) {
    if (e.target.name === "region" || e.target.name === "languages") showLangs();
  });

  // --- The draft: kept in this browser, restored on a fresh visit.
  let saveTimer = 0;
  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify({ values: entries() }));
    } catch (e) { /* private mode or full: the page works without */ }
  }
  function restore() {
    let d = null;
    try { d = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { d = null; }
    if (!d || !Array.isArray(d.values)) return false;
    form.querySelectorAll("input[type=checkbox]").forEach(function (c) { c.checked = false; });
    d.values.forEach(function (kv) {
      const el = form.elements[kv[0]];
      if (!el || el.type === "file" || el.type === "submit") return;
      if (el.type === "checkbox") el.checked = true;
      else el.value = kv[1];
    });
    return true;
  }
  function forget() {
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
  }
  form.addEventListener("input", function (e) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 300);
    // A value typed over the example's is no longer the example's.
    const field = e.target.closest && e.target.closest(".field.example");
    if (field) {
      field.classList.remove("example");
      const warn = field.querySelector(".warn");
      if (warn) warn.hidden = true;
    }
  });
  form.addEventListener("change", save);
  const restart = document.getElementById("restart");
  if (restart) restart.addEventListener("click", forget);
  const discard = document.getElementById("draft-discard");
  if (discard) discard.addEventListener("click", function () {
    forget();
    location.href = restart ? restart.href : location.pathname;
  });

  // --- Problems, as the server explained them.
  function clearProblems() {
    form.querySelectorAll(".problem").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll(".invalid").forEach(function (f) { f.classList.remove("invalid"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    if (summary) { summary.hidden = true; summary.querySelector("ul").textContent = ""; }
  }
  function line(p) {
    const li = document.createElement("li");
    if (p.input && p.label) {
      const a = document.createElement("a");
      a.href = "#f-" + p.input;
      a.textContent = p.label;
      li.appendChild(a);
      li.appendChild(document.createTextNode(summary.dataset.sep));
    }
    li.appendChild(document.createTextNode(p.text || p.message));
    if (p.detail) {
      const d = document.createElement("span");
      d.className = "detail";
      d.lang = "en";
      d.textContent = p.detail;
      li.appendChild(d);
    }
    return li;
  }
  function showProblems(list) {
    clearProblems();
    list.forEach(function (p) {
      const el = p.input && document.getElementById("e-" + p.input);
      if (el) {
        const span = document.createElement("span");
        span.textContent = (p.text || p.message) + " ";
        el.appendChild(span);
        el.hidden = false;
        const field = el.parentElement;
        field.classList.add("invalid");
        field.hidden = false;
        const details = field.closest("details");
        if (details) details.open = true;
        const input = field.querySelector("input, select, textarea");
        if (input) input.setAttribute("aria-invalid", "true");
      }
      if (summary) summary.querySelector("ul").appendChild(line(p));
    });
    if (summary && list.length) summary.hidden = false;
  }

  // --- The live preview of the poster view.
  const img = document.getElementById("preview");
  const status = document.getElementById("status");
  const stale = document.getElementById("stale");
  let timer = 0;
  let seq = 0;
  let lastURL = "";
  function refresh() {
    if (!img) return;
    const mine = ++seq;
    status.textContent = status.dataset.rendering;
    const params = new URLSearchParams();
    entries().forEach(function (kv) { params.append(kv[0], kv[1]); });
    params.append("ui", document.documentElement.lang);
    fetch("/form/poster", { method: "POST", body: params })
      .then(function (res) {
        if (res.ok) return res.blob().then(function (b) { return { blob: b }; });
        return res.json().then(function (j) { return { problems: j.problems || [{ message: j.error }] }; });
      })
      .then(function (out) {
        if (mine !== seq) return;
        if (out.blob) {
          clearProblems();
          if (lastURL) URL.revokeObjectURL(lastURL);
          lastURL = URL.createObjectURL(out.blob);
          img.src = lastURL;
          img.hidden = false;
          img.classList.remove("stale");
          img.dataset.state = "ready";
          stale.hidden = true;
          status.textContent = status.dataset.done;
        } else {
          img.classList.add("stale");
          img.dataset.state = "problems";
          stale.hidden = false;
          showProblems(out.problems);
          status.textContent = status.dataset.problems.replace("{n}", String(out.problems.length));
        }
      })
      .catch(function (e) { if (mine === seq) status.textContent = String(e); });
  }
  if (img) {
    form.addEventListener("input", function (e) {
      if (e.target.type === "file") return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
    const update = document.getElementById("update");
    if (update) update.addEventListener("click", function (e) {
      e.preventDefault();
      refresh();
    });
  }

  // --- Copy buttons for the embed snippets.
  document.querySelectorAll("button.copy").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      const t = document.getElementById(b.dataset.target);
      const done = function () {
        const label = b.firstChild.nodeValue;
        b.firstChild.nodeValue = b.dataset.done;
        setTimeout(function () { b.firstChild.nodeValue = label; }, 2000);
      };
      if (navigator.clipboard) navigator.clipboard.writeText(t.value).then(done, function () { t.select(); });
      else { t.select(); document.execCommand("copy"); done(); }
    });
  });

  // --- On load.
  if (body.dataset.fresh === "1") {
    if (restore()) {
      document.getElementById("draft").hidden = false;
      showLangs();
      refresh();
    }
  } else {
    save(); // what the server answered is the draft now
    if (summary && !summary.hidden) summary.focus();
  }
})();
