// newsgraph web UI: small progressive enhancements; every page works without this file.
"use strict";

function focusTarget() {
  // A link like /articles/ID#q-... names an empty anchor placed before the highlighted span:
  // mark the span that follows so the figure's sentence stands out, and bring it into view.
  document.querySelectorAll(".focus").forEach((el) => el.classList.remove("focus"));
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const anchor = document.getElementById(id);
  if (!anchor) return;
  let next = anchor.nextElementSibling;
  while (next && next.classList.contains("anchor")) next = next.nextElementSibling;
  const shown = next && anchor.classList.contains("anchor") ? next : anchor;
  shown.classList.add("focus");
  shown.scrollIntoView({ block: "center" });
}

function wireLegend() {
  document.querySelectorAll("input[data-toggle]").forEach((box) => {
    box.addEventListener("change", () => {
      document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });
}

function wireSearch() {
  document.querySelectorAll("select.autosubmit").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select");
    if (event.key === "/" && !typing) {
      event.preventDefault();
      (document.getElementById("q") || document.getElementById("quick-search")).focus();
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.body.dataset.enhanced = "1";
  wireLegend();
  wireSearch();
  focusTarget();
});
window.addEventListener("hashchange", focusTarget);
