using Microsoft.AspNetCore.Diagnostics;

namespace AppealStudio.Web.Features.Appeals;

public static class NotFoundResponse
{
    /// <summary>
    /// Answers 404 with the page's own "not found" content. The status-code-pages re-execution is switched off for
    /// this response: re-running the Razor component endpoint inside the same request fails (the navigation manager
    /// is already initialized) and would turn a plain "not found" into a server error.
    /// </summary>
    public static void Mark(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
