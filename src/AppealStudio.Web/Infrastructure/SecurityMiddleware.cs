using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;

namespace AppealStudio.Web.Infrastructure;

/// <summary>A random value per request that marks the few script elements the page itself writes (the import map,
/// the framework's scripts) as allowed by the Content-Security-Policy.</summary>
public sealed class CspNonce
{
    public string Value { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}

public static class SecurityMiddleware
{
    // MudBlazor writes <style> blocks and style attributes, so style-src needs 'unsafe-inline' (ADR 0018); scripts
    // stay strict: same origin plus the per-request nonce, and no 'unsafe-eval'. connect-src 'self' covers the
    // circuit's same-origin WebSocket.
    private static string Policy(string nonce) =>
        "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] CacheablePrefixes = ["/lib", "/css", "/js", "/_framework", "/_content"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy(context.RequestServices.GetRequiredService<CspNonce>().Value);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Pages show patient data: no shared or back-button caching of them; static assets may be cached.
                if (!CacheablePrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>
    /// The antiforgery middleware validates only endpoints that ask for it (forms, [FromForm]). Every state-changing
    /// HTTP request must carry a token, including endpoints that read no form, so this validates every unsafe method
    /// before the endpoint runs. (Circuit events are not HTTP requests: the circuit itself is bound to the signed-in
    /// connection, and the services authorize each command.)
    /// </summary>
    public static IApplicationBuilder UseAntiforgeryForUnsafeMethods(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ||
                HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method) ||
                context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

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
