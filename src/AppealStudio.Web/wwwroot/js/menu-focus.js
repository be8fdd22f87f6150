// App-bar menus from the keyboard (MainLayout, NotificationBell).

// When a menu closes (Escape, Tab past its last item) MudBlazor removes the popover that held focus, and focus falls
// to <body>: a keyboard user would restart from the top of the page. Focus goes back to the menu's trigger then, and
// only then: a click elsewhere keeps the focus where the user put it.
export function restoreFocus(selector) {
  const active = document.activeElement;
  if (active === null || active === document.body || active.closest('.mud-popover')) {
    document.querySelector(selector)?.focus();
  }
}

// MudBlazor closes a menu on Escape only from one of its items. A menu with no item to focus (the bell with nothing
// new shows a heading and a disabled button) or a trigger that still has focus would stay open: Escape there does
// what a second click on the trigger does (its content toggles the menu on click).
let installed = false;
export function install() {
  if (installed) return;
  installed = true;
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const active = document.activeElement;
    if (active instanceof Element && active.closest('.mud-menu-item, .mud-dialog')) return;
    const open = document.querySelector('.mud-menu-activator[aria-expanded="true"]');
    if (open) {
      e.preventDefault();
      open.firstElementChild?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
  });
}
