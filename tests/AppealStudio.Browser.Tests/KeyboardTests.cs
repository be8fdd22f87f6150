using System.Text.RegularExpressions;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

/// <summary>
/// A specialist's day with the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape): every action below is a key
/// press; the locators only read the page. The mouse is never used, so a control that takes no focus, a menu that does
/// not open or close from the keyboard, or a trap that keeps focus fails here.
/// </summary>
[Collection(BrowserCollection.Name)]
public class KeyboardTests(BrowserFixture fixture)
{
    // Demo claims no other browser test changes: one for the letter, one for the write-off.
    private const string LetterClaim = "DEMO-1002";
    private const string WriteOffClaim = "DEMO-1005";

    [BrowserFact]
    public async Task Specialist_KeyboardOnly_WorklistMenusDenialLetterAndDialog()
    {
        var errors = new List<string>();
        var letterDenial = await DenialIdAsync(LetterClaim);
        var writeOffDenial = await DenialIdAsync(WriteOffClaim);
        await using var context = await Pages.NewContextAsync(fixture);
        var page = await Pages.NewPageAsync(context, errors);
        await Pages.SignInAsync(page, fixture, "specialist@demo.local", "/worklist");

        // 1. App-bar menus: the account menu opens on Enter with focus on its first item, Escape closes it and gives
        // focus back to its trigger; the bell opens on Space and closes on Escape even with nothing in it to focus.
        var account = "[data-testid=user-menu] > .mud-menu-activator";
        await TabToAsync(page, account);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-menu-item') !== null");
        Assert.Equal("true", await page.GetAttributeAsync(account, "aria-expanded"));
        await Pages.WaitForPopoversSettledAsync(page);
        await Pages.AssertAccessibleAsync(page, "/worklist (account menu open)");
        await page.Keyboard.PressAsync("Escape");
        await WaitForFocusAsync(page, account);
        Assert.Equal("false", await page.GetAttributeAsync(account, "aria-expanded"));

        var bell = "[data-testid=notification-bell] > .mud-menu-activator";
        await TabToAsync(page, bell, backwards: true);
        await page.Keyboard.PressAsync(" ");
        await page.Locator(".notification-head").WaitForAsync();
        // The popover can draw before the circuit has marked the trigger expanded; Escape acts on an expanded trigger.
        await page.WaitForFunctionAsync("s => document.querySelector(s)?.getAttribute('aria-expanded') === 'true'", bell);
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".notification-head").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await WaitForFocusAsync(page, bell);

        // 2. Worklist: type a claim number in the search, sort by a column, open the row.
        await TabToAsync(page, "input[data-testid=search], [data-testid=search] input");
        await page.Keyboard.TypeAsync(LetterClaim);
        await page.Keyboard.PressAsync("Enter");
        // The search words stay out of the address (ADR 86): the URL carries an opaque key.
        await Pages.WaitForUrlAsync(page, new Regex("[?&]s="), "the search key in the address");
        Assert.DoesNotContain(LetterClaim, page.Url, StringComparison.OrdinalIgnoreCase);
        // The grid re-draws with the search's one row.
        await page.WaitForFunctionAsync("c => document.querySelectorAll('[data-testid=denial-link]').length === 1 && document.querySelector('[data-testid=worklist-table]')?.innerText.includes(c)", LetterClaim);
        await TabToAsync(page, "th button[aria-label=Sort], th .mud-button-root[aria-label=Sort]");
        await page.Keyboard.PressAsync("Enter");
        await Pages.WaitForUrlAsync(page, new Regex("[?&]dir=(asc|desc)"), "the sort in the address");
        // Sorting keeps the search (its key) and the words still stay out of the address.
        Assert.Contains("s=", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(LetterClaim, page.Url, StringComparison.OrdinalIgnoreCase);
        await TabToAsync(page, "[data-testid=denial-link]");
        await page.Keyboard.PressAsync("Enter");
        await Pages.WaitForUrlAsync(page, $"{fixture.BaseUrl}/denials/{letterDenial}", "the denial page");
        await Pages.WaitForCircuitAsync(page);
        Assert.Contains(LetterClaim, await page.InnerTextAsync("[data-testid=pcn]"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "/denials/" + letterDenial);

        // 3. The denial's "Start appeal letter", then the start form: Tab to the start button past the form's fields.
        await TabToAsync(page, "[data-testid=start-appeal]");
        await page.Keyboard.PressAsync("Enter");
        await Pages.WaitForUrlAsync(page, $"{fixture.BaseUrl}/denials/{letterDenial}/appeal", "the appeal workspace");
        await page.Locator("[data-testid=start-form]").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await TabToAsync(page, "[data-testid=start-letter]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=letter-panel]").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // 4. The editor: type at the end of the letter, Tab out of it (no trap) to Save, Enter.
        const string Typed = " Typed from the keyboard alone.";
        await TabToAsync(page, "[data-testid=letter-editor] [contenteditable=true]");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(Typed);
        await TabToAsync(page, "[data-testid=save-letter]", max: 10);
        await page.Keyboard.PressAsync("Enter");
        await WaitForAsync(async () => (await AppealAsync(letterDenial))?.Markdown.Contains(Typed.Trim(), StringComparison.Ordinal) == true,
            "the typed sentence was never saved");
        // Shift+Tab leads back into the editor and out of it again, the other way.
        await TabToAsync(page, "[data-testid=letter-editor] [contenteditable=true]", backwards: true, max: 10);
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.False(await page.EvaluateAsync<bool>("() => document.activeElement?.closest('[data-testid=letter-editor]') !== null"),
            "Shift+Tab kept the focus in the editor");
        // The "saved" snackbar fades in: check the colours once it is drawn in full, not half-way through its animation.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(s => s.getAnimations().length === 0)");
        await Pages.AssertAccessibleAsync(page, $"/denials/{letterDenial}/appeal");
        await Pages.ShotAsync(page, "keyboard-workspace");

        // 5. A dialog: write off another denial. Escape cancels (nothing stored, focus back on the button); then the
        // reason is typed in the field the dialog focuses, Tab to the confirm button, Enter.
        await Pages.GoAsync(page, fixture, $"/denials/{writeOffDenial}");
        var writeOff = "[data-testid=move-WrittenOff]";
        await TabToAsync(page, writeOff);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=reason-dialog]").WaitForAsync();
        await WaitForFocusAsync(page, "[data-testid=reason-dialog] textarea");
        await Pages.AssertAccessibleAsync(page, "the write-off dialog");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-testid=reason-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await WaitForFocusAsync(page, writeOff);
        Assert.Equal(DenialStatus.New, await StatusAsync(writeOffDenial));

        await page.Keyboard.PressAsync("Enter");
        await WaitForFocusAsync(page, "[data-testid=reason-dialog] textarea");
        const string Reason = "Patient responsibility, confirmed with the payer by phone.";
        await page.Keyboard.TypeAsync(Reason);
        await TabToAsync(page, "[data-testid=reason-confirm]", max: 5);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=reason-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await WaitForAsync(async () => await StatusAsync(writeOffDenial) == DenialStatus.WrittenOff, "the write-off was never stored");
        // The write-off button left with the old status: focus goes to the new status, not to the top of the page.
        await WaitForFocusAsync(page, "[data-testid=status-now]");
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.DenialEvents.AnyAsync(e => e.DenialId == writeOffDenial && e.ToStatus == nameof(DenialStatus.WrittenOff) && e.Text == Reason),
                "The write-off's reason is not on the denial's timeline.");
        }

        Assert.Empty(errors);
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches <paramref name="selector"/>.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false, int max = 120)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }

        var at = await page.EvaluateAsync<string>("() => { const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : 'nothing'; }");
        Assert.Fail($"{max} presses of {(backwards ? "Shift+Tab" : "Tab")} never reached {selector}; focus is on {at}");
    }

    private static Task WaitForFocusAsync(IPage page, string selector) =>
        page.WaitForFunctionAsync("s => document.activeElement?.matches(s) === true", selector);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail(failure);
    }

    private async Task<long> DenialIdAsync(string claim)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Denials.AsNoTracking().Where(d => d.Claim.PatientControlNumber == claim).Select(d => d.Id).SingleAsync();
    }

    private async Task<DenialStatus> StatusAsync(long denialId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Denials.AsNoTracking().Where(d => d.Id == denialId).Select(d => d.Status).SingleAsync();
    }

    private async Task<Appeal?> AppealAsync(long denialId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Appeals.AsNoTracking().Where(a => a.DenialId == denialId).OrderByDescending(a => a.Id).FirstOrDefaultAsync();
    }
}
