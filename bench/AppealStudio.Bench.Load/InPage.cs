using System.Text.Json.Serialization;

namespace AppealStudio.Bench.Load;

/// <summary>
/// What the page must show once an interaction is done. Every listed condition must hold at once: the address
/// (path and query) starts with <see cref="Path"/>, each selector of <see cref="Present"/> matches and none of
/// <see cref="Absent"/> does, the grid's pager caption ends with "of <see cref="Total"/>", and an element matching
/// <see cref="TextSelector"/> contains <see cref="Text"/>.
/// </summary>
public sealed record Expect
{
    [JsonPropertyName("path")] public string? Path { get; init; }

    [JsonPropertyName("present")] public IReadOnlyList<string> Present { get; init; } = [];

    [JsonPropertyName("absent")] public IReadOnlyList<string> Absent { get; init; } = [];

    [JsonPropertyName("total")] public int? Total { get; init; }

    [JsonPropertyName("textSelector")] public string? TextSelector { get; init; }

    [JsonPropertyName("text")] public string? Text { get; init; }
}

/// <summary>One interaction as the page measured it.</summary>
public sealed record Measured
{
    [JsonPropertyName("ok")] public bool Ok { get; init; }

    [JsonPropertyName("ms")] public double Milliseconds { get; init; }

    [JsonPropertyName("error")] public string? Error { get; init; }
}

/// <summary>
/// The script that times one interaction inside the page, so the Playwright/CDP round trip and the driver's own
/// scheduling are not in the figure: a MutationObserver is attached, <c>performance.now()</c> is read, the click is
/// dispatched (after typing into a field, when the step types), and the time is read again in the observer callback
/// whose DOM first satisfies the <see cref="Expect"/>. Mutation callbacks run as microtasks right after the DOM
/// change, before paint, so the figure is "click to updated DOM". A timeout, a missing element or the reconnect modal
/// is an error.
/// </summary>
public static class InPage
{
    public const string Act = """
        async ([target, expectJson, timeoutMs, fill, fillText]) => {
          const expect = JSON.parse(expectJson);
          const matches = () => {
            if (expect.path && !(location.pathname + location.search).startsWith(expect.path)) return false;
            for (const s of expect.present) if (!document.querySelector(s)) return false;
            for (const s of expect.absent) if (document.querySelector(s)) return false;
            if (expect.total !== null && expect.total !== undefined) {
              const caption = document.querySelector('.mud-table-pagination-caption');
              if (!caption) return false;
              const m = /of\s+([\d,.\s]+)$/.exec(caption.textContent.trim());
              if (!m || parseInt(m[1].replace(/[^\d]/g, ''), 10) !== expect.total) return false;
            }
            if (expect.textSelector) {
              let found = false;
              for (const e of document.querySelectorAll(expect.textSelector)) if (e.textContent.includes(expect.text)) { found = true; break; }
              if (!found) return false;
            }
            return true;
          };
          if (matches()) return JSON.stringify({ ok: false, ms: 0, error: 'the expected page was there before the click' });
          const element = document.querySelector(target);
          if (!element) return JSON.stringify({ ok: false, ms: 0, error: 'no element ' + target + ' on ' + location.pathname });
          if (fill) {
            const field = document.querySelector(fill);
            if (!field) return JSON.stringify({ ok: false, ms: 0, error: 'no field ' + fill });
            // What typing and leaving the field send: MudTextField binds on change.
            field.value = fillText;
            field.dispatchEvent(new Event('input', { bubbles: true }));
            field.dispatchEvent(new Event('change', { bubbles: true }));
          }
          return await new Promise(resolve => {
            let done = false;
            let started = 0;
            let timer = 0;
            const finish = result => {
              if (done) return;
              done = true;
              observer.disconnect();
              clearTimeout(timer);
              resolve(JSON.stringify(result));
            };
            const observer = new MutationObserver(() => {
              if (matches()) {
                finish({ ok: true, ms: performance.now() - started });
              } else if (document.querySelector('#components-reconnect-modal.components-reconnect-show, #components-reconnect-modal.components-reconnect-failed, #components-reconnect-modal.components-reconnect-rejected')) {
                finish({ ok: false, ms: performance.now() - started, error: 'circuit lost (reconnect modal shown)' });
              }
            });
            observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
            timer = setTimeout(() => finish({ ok: false, ms: performance.now() - started, error: 'timeout on ' + location.pathname }), timeoutMs);
            started = performance.now();
            element.click();
          });
        }
        """;

    /// <summary>What a user reads before acting: the page, the view counts, the current view and the rows' denials.</summary>
    public const string Look = """
        () => {
          const counts = {};
          for (const e of document.querySelectorAll('[data-testid^=count-]')) {
            const n = parseInt(e.textContent.replace(/[^\d]/g, ''), 10);
            if (!isNaN(n)) counts[e.dataset.testid.substring(6)] = n;
          }
          const pressed = document.querySelector('.worklist-views [aria-pressed=true]');
          return JSON.stringify({
            path: location.pathname,
            view: pressed ? pressed.dataset.testid.substring(5) : '',
            counts: counts,
            denials: [...document.querySelectorAll('[data-testid=worklist-table] [data-testid=denial-link]')].map(a => a.dataset.denialId)
          });
        }
        """;
}

/// <summary>The worklist as <see cref="InPage.Look"/> reads it.</summary>
public sealed record Screen
{
    [JsonPropertyName("path")] public string Path { get; init; } = "";

    [JsonPropertyName("view")] public string View { get; init; } = "";

    [JsonPropertyName("counts")] public Dictionary<string, int> Counts { get; init; } = [];

    [JsonPropertyName("denials")] public IReadOnlyList<string> Denials { get; init; } = [];
}
