// The letter editor: Toast UI Editor (WYSIWYG, Markdown underneath) as an ES module, resolved through the page's
// import map. The circuit owns the letter; this module owns the typing. Every change goes to .NET after a short
// pause, and is also kept in this tab's sessionStorage until .NET confirms the server has it, so a dropped
// connection or a server restart loses nothing typed (sessionStorage dies with the tab; nothing is left behind).
import Editor from '@toast-ui/editor';

// Toast UI pings Google Analytics unless told not to; the CSP would block it anyway.
window.tui = Object.assign(window.tui || {}, { usageStatistics: false });

const editors = new Map();

function draftKey(id) { return `appealstudio.letter-draft.${id}`; }

export function create(element, dotnet, options) {
  const editor = new Editor({
    el: element,
    height: options.height || '560px',
    initialEditType: options.mode === 'markdown' ? 'markdown' : 'wysiwyg',
    previewStyle: 'tab',
    initialValue: options.markdown || '',
    usageStatistics: false,
    hideModeSwitch: false,
    autofocus: false,
    theme: options.dark ? 'dark' : 'light',
    toolbarItems: [['heading', 'bold', 'italic'], ['ul', 'ol', 'quote'], ['table', 'hr']],
  });
  const state = { editor, dotnet, id: options.draftId, timer: 0, readOnly: false, applying: false };
  editors.set(element, state);
  editor.on('change', () => {
    if (state.applying) return;
    const markdown = editor.getMarkdown();
    try {
      sessionStorage.setItem(draftKey(state.id), JSON.stringify({ markdown, baseVersion: options.version, at: Date.now() }));
    } catch { /* storage full or blocked: the server copy still follows */ }
    clearTimeout(state.timer);
    state.timer = setTimeout(() => dotnet.invokeMethodAsync('OnEditorChanged', markdown).catch(() => {}), options.debounceMs || 600);
  });
  element.addEventListener('keydown', (e) => leaveOnTab(element, e), true);
  setReadOnly(element, !!options.readOnly);
}

const focusable = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

// Toast UI keeps Tab for itself (indentation, table cells), so a keyboard user could not leave the text: a trap
// (WCAG 2.1.2). In the text, Tab and Shift+Tab move to the next or previous control outside the editor, as in any
// form field (ADR 0105); lists indent with the toolbar, and the toolbar stays in the Tab order before the text.
function leaveOnTab(element, e) {
  if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
  if (!(e.target instanceof Element) || !e.target.closest('[contenteditable="true"]')) return;
  const outside = [...document.querySelectorAll(focusable)]
    .filter((x) => !element.contains(x) && x.getClientRects().length > 0);
  const target = e.shiftKey
    ? outside.filter((x) => x.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING).pop()
    : outside.find((x) => x.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING);
  if (target instanceof HTMLElement) {
    e.preventDefault();
    e.stopPropagation();
    target.focus();
  }
}

export function getMarkdown(element) {
  return editors.get(element)?.editor.getMarkdown() ?? '';
}

// Replaces the text (a refill of evidence, a reload after a conflict) without echoing it back as a user change.
export function setMarkdown(element, markdown) {
  const state = editors.get(element);
  if (!state) return;
  state.applying = true;
  try { state.editor.setMarkdown(markdown || '', false); } finally { state.applying = false; }
}

// Inserts text where the cursor is (an evidence excerpt); the change event then saves it as any typing would.
export function insertAtCursor(element, text) {
  const state = editors.get(element);
  if (!state || state.readOnly) return false;
  state.editor.focus();
  state.editor.insertText(text);
  return true;
}

export function setReadOnly(element, readOnly) {
  const state = editors.get(element);
  if (!state) return;
  state.readOnly = readOnly;
  for (const editable of element.querySelectorAll('[contenteditable]')) {
    editable.setAttribute('contenteditable', readOnly ? 'false' : 'true');
  }
  element.classList.toggle('letter-editor-readonly', readOnly);
}

// A draft this tab typed that the server may not have (the circuit dropped before it arrived).
export function pendingDraft(id) {
  try {
    const raw = sessionStorage.getItem(draftKey(id));
    return raw ? JSON.parse(raw) : null;
  } catch { return null; }
}

export function clearDraft(id) {
  try { sessionStorage.removeItem(draftKey(id)); } catch { /* nothing to clear */ }
}

export function dispose(element) {
  const state = editors.get(element);
  if (!state) return;
  clearTimeout(state.timer);
  state.editor.destroy();
  editors.delete(element);
}
