using Microsoft.AspNetCore.Antiforgery;

namespace AppealStudio.Web.Infrastructure;

public static class SecurityMiddleware
{
    // No inline script anywhere (htmx's indicator style is turned off in App.razor), no framing, nothing from
    // other origins: every asset is served by the app itself.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Pages show patient data: no shared or back-button caching of them.
                if (!context.Request.Path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase) && !context.Request.Path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase) &&
                    !context.Request.Path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>
    /// The antiforgery middleware validates only endpoints that ask for it (forms, [FromForm]). Every state-changing
    /// request here must carry a token, including htmx calls and endpoints that read no form, so this validates
    /// every unsafe method before the endpoint runs.
    /// </summary>
    public static IApplicationBuilder UseAntiforgeryForUnsafeMethods(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ||
                HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
            {
                await next(context);
                return;
            }

            // Endpoints that asked for antiforgery were already checked by UseAntiforgery; the rest are checked here.
            bool valid;
            try
            {
                valid = context.Features.Get<IAntiforgeryValidationFeature>() is { } checkedAlready
                    ? checkedAlready.IsValid
                    : await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
            }
            catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
            {
                // Reading the form for its token failed: the body is over the size limit or not a valid form.
                context.Response.StatusCode = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The upload is larger than the size limit. Import large remittances with the command line (appealstudio remit import)."
                    : "The request could not be read. Reload the page and try again.");
                return;
            }

            if (!valid)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(
                    "This form has expired or was sent from another page. Reload the page and try again.");
                return;
            }

            await next(context);
        });
}
