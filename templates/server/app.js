// affiches serve: the live preview. Without JavaScript the page still
// works: its buttons post the form and the server answers with the page,
// the poster or the kit.
"use strict";
(function () {
  const form = document.getElementById("profile");
  const img = document.getElementById("preview");
  const status = document.getElementById("status");
  const box = document.getElementById("problems");
  if (!form || !img) return;
  let timer = 0;
  let seq = 0;
  let lastURL = "";

  function clearProblems() {
    form.querySelectorAll(".problem").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll(".invalid").forEach(function (f) { f.classList.remove("invalid"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    box.hidden = true;
    box.querySelector("ul").textContent = "";
  }

  function showProblems(list) {
    clearProblems();
    list.forEach(function (p) {
      const text = (p.rule ? p.rule + ": " : "") + (p.field ? p.field + ": " : "") + p.message;
      let name = p.field || "";
      let el = name && document.getElementById("e-" + name);
      if (!el && name) el = document.getElementById("e-" + name + ".fr");
      if (el) {
        el.hidden = false;
        el.textContent = (el.textContent ? el.textContent + "; " : "") + text;
        el.parentElement.classList.add("invalid");
        const input = el.parentElement.querySelector("input, select");
        if (input) input.setAttribute("aria-invalid", "true");
      } else {
        const li = document.createElement("li");
        li.textContent = text;
        box.querySelector("ul").appendChild(li);
        box.hidden = false;
      }
    });
  }

  function refresh() {
    const mine = ++seq;
    status.textContent = status.dataset.rendering;
    const body = new URLSearchParams(new FormData(form));
    fetch("/form/poster?format=png&dpi=60", { method: "POST", body: body })
      .then(function (res) {
        if (res.ok) return res.blob().then(function (b) { return { blob: b }; });
        return res.json().then(function (j) { return { problems: j.problems || [{ message: j.error }] }; });
      })
      .then(function (out) {
        if (mine !== seq) return;
        status.textContent = "";
        if (out.blob) {
          clearProblems();
          if (lastURL) URL.revokeObjectURL(lastURL);
          lastURL = URL.createObjectURL(out.blob);
          img.src = lastURL;
          img.dataset.state = "ready";
        } else {
          img.dataset.state = "problems";
          showProblems(out.problems);
        }
      })
      .catch(function (e) { status.textContent = String(e); });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  document.getElementById("update").addEventListener("click", function (e) {
    e.preventDefault();
    refresh();
  });
  refresh();
})();
