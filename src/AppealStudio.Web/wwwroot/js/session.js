// Idle sign-out and session keep-alive for interactive pages. A circuit sends no HTTP requests, so the sign-in
// cookie would lapse under an active user: while the user types or clicks, the cookie is refreshed once a minute;
// after the idle timeout with no keyboard or pointer use, the hidden sign-out form is submitted.
let started = false;

export function start(idleMinutes) {
  if (started) return;
  started = true;
  const idleMs = Math.max(1, idleMinutes) * 60_000;
  let last = Date.now();
  let lastPing = Date.now();
  const mark = () => { last = Date.now(); };
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart']) {
    addEventListener(type, mark, { passive: true, capture: true });
  }
  setInterval(async () => {
    const now = Date.now();
    if (now - last >= idleMs) {
      document.getElementById('idle-signout')?.submit();
      return;
    }
    if (last > lastPing && now - lastPing >= 60_000) {
      lastPing = now;
      try { await fetch('/account/keepalive', { credentials: 'same-origin', cache: 'no-store' }); } catch { /* offline: the reconnect modal says so */ }
    }
  }, 15_000);
}
