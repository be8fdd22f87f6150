// Tables wider than their container scroll sideways (MudDataGrid HorizontalScrollbar, MudTable on a narrow screen).
// A keyboard user can scroll such a region only if it can take focus, and a table of plain text (the audit trail) has
// nothing focusable inside (WCAG 2.1.1; axe "scrollable-region-focusable"). Whenever the page changes, every table
// container that scrolls becomes a named, focusable region, and one that no longer scrolls stops being a tab stop.
let installed = false;

function label(container) {
  const named = container.closest('[data-region-label]');
  return named?.getAttribute('data-region-label') ?? 'Table (scrolls sideways)';
}

function update() {
  for (const c of document.querySelectorAll('.mud-table-container')) {
    const scrolls = c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1;
    if (scrolls && c.dataset.scrollRegion !== 'on') {
      c.dataset.scrollRegion = 'on';
      c.setAttribute('tabindex', '0');
      c.setAttribute('role', 'region');
      c.setAttribute('aria-label', label(c));
    } else if (!scrolls && c.dataset.scrollRegion === 'on') {
      delete c.dataset.scrollRegion;
      c.removeAttribute('tabindex');
      c.removeAttribute('role');
      c.removeAttribute('aria-label');
    }
  }
}

export function install() {
  if (installed) return;
  installed = true;
  // Checked at once on each change (not on the next frame): what a user or a checker reads next is already right.
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => { queued = false; update(); });
  }).observe(document.body, { childList: true, subtree: true });
  window.addEventListener('resize', update);
  update();
}
