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
// new shows a heading and a disabled button), one whose focus is on another control in its popover (the bell's "Mark
// all read") or a trigger that still has focus would stay open. Escape anywhere outside a dialog asks the layout to
// close its menus: the close is idempotent on the server, so when MudBlazor closed the menu itself as well nothing
// re-opens it (a click on the trigger, used before, toggled it and could open it again).
let layout = null;
let installed = false;
export function install(dotNetLayout) {
  layout = dotNetLayout;
  if (installed) return;
  installed = true;
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || layout === null) return;
    const active = document.activeElement;
    if (active instanceof Element && active.closest('.mud-dialog')) return;
    if (document.querySelector('.mud-menu-activator[aria-expanded="true"]')) {
      e.preventDefault();
      layout.invokeMethodAsync('CloseMenusAsync').catch(() => { /* the circuit is gone: nothing to close */ });
    }
  });
}
