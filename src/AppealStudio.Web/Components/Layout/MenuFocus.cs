using Microsoft.JSInterop;

namespace AppealStudio.Web.Components.Layout;

/// <summary>Gives focus back to a menu's trigger when closing the menu left it nowhere (wwwroot/js/menu-focus.js).</summary>
internal static class MenuFocus
{
    /// <summary>Escape on an open menu's trigger closes it (once per page; see menu-focus.js).</summary>
    public static async Task InstallAsync(IJSRuntime js)
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/menu-focus.js");
        await module.InvokeVoidAsync("install");
    }

    public static async Task RestoreAsync(IJSRuntime js, string triggerSelector)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/menu-focus.js");
            await module.InvokeVoidAsync("restoreFocus", triggerSelector);
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone: there is no focus to restore.
        }
    }
}
