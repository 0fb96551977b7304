// The menu collapses under 600 px (issue 7, item 5). Without JavaScript it stays open.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("menu");
  if (!button || !menu) return;
  document.documentElement.classList.add("js");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!open));
    menu.classList.toggle("open", !open);
  });
});

// "In danh sách" reloads a list with ?print=1 (every row on one page); the page then opens the
// print dialog itself. A file of our own, not an inline script: the CSP allows no inline code.
window.addEventListener("load", function () {
  if (document.querySelector("[data-autoprint]")) window.print();
});
