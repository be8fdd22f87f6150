using Microsoft.JSInterop;

namespace AppealStudio.Web.Components.Layout;

/// <summary>Gives focus back to a menu's trigger when closing the menu left it nowhere (wwwroot/js/menu-focus.js).</summary>
internal static class MenuFocus
{
    /// <summary>Escape outside a dialog closes the app bar's open menus through <paramref name="layout"/>'s
    /// <c>CloseMenusAsync</c> (see menu-focus.js).</summary>
    public static async Task InstallAsync<T>(IJSRuntime js, DotNetObjectReference<T> layout)
        where T : class
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/menu-focus.js");
        await module.InvokeVoidAsync("install", layout);
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
