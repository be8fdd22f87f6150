using AppealStudio.Web.Components;
using AppealStudio.Web.Features.Account;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Denials;
using AppealStudio.Web.Features.Health;
using AppealStudio.Web.Features.Imports;
using AppealStudio.Web.Features.Reports;
using AppealStudio.Web.Features.Settings.Classification;
using AppealStudio.Web.Features.Worklist;
using AppealStudio.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
StartupSafety.ThrowIfUnsafe(builder.Configuration, builder.Environment);

builder.Services.AddAppealStudioWeb(builder.Configuration, builder.Environment);
builder.Services.AddAccount(builder.Configuration, builder.Environment);
builder.Services.AddImports(builder.Configuration);
builder.Services.AddDenials();
builder.Services.AddWorklist(builder.Configuration);
builder.Services.AddSettingsAdministration();
builder.Services.AddReports(builder.Configuration);
builder.Services.AddAppeals(builder.Configuration, builder.Environment);

var app = builder.Build();

// First: the client's address and scheme from the proxies named in ForwardedHeaders:* (Infrastructure/SecurityForwardedHeaders.cs).
app.UseForwardedHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

// A fresh scope for the status page: a component that answers 404 is re-executed into /status/404, and
// re-rendering components in the request's own scope fails (its NavigationManager is already initialized).
app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
app.UseSecurityHeaders();
app.UseRateLimiter(); // sign-in attempts per client address (Infrastructure/SecuritySessions.cs)
app.UseAuthentication();
app.UseAuthorization();
app.UseTwoFactorEnrollment(); // roles that must enrol an authenticator first (Infrastructure/SecurityTwoFactorEnrollment.cs)
app.UseAntiforgery();
app.UseAntiforgeryForUnsafeMethods();

// Assets are endpoints here, so the fallback policy (sign-in required) would cover them: the sign-in page needs them.
app.MapStaticAssets().AllowAnonymous();
app.MapHealth();
app.MapAppealStudioTelemetry();
app.MapAccount();
app.MapSettingsAdministration();
app.MapReports();
app.MapAppeals();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point marker for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
