using Microsoft.JSInterop;

namespace AppealStudio.Web.Infrastructure;

/// <summary>Sends a file made on the circuit to the browser as a download (a stream, not a data URL).</summary>
public static class Downloads
{
    public static async Task SaveAsync(IJSRuntime js, string fileName, string contentType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(js);
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/download.js");
        using var stream = new MemoryStream(content, writable: false);
        using var reference = new DotNetStreamReference(stream);
        await module.InvokeVoidAsync("save", fileName, contentType, reference);
    }
}
