// The print view's button (no inline script: the page's policy forbids it).
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});
