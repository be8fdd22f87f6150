using AppealStudio.Web.Components;
using AppealStudio.Web.Features.Account;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Health;
using AppealStudio.Web.Features.Imports;
using AppealStudio.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAppealStudioWeb(builder.Configuration, builder.Environment);
builder.Services.AddAccount(builder.Configuration, builder.Environment);
builder.Services.AddImports(builder.Configuration);
builder.Services.AddAppeals(builder.Configuration, builder.Environment);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseAntiforgeryForUnsafeMethods();

app.MapHealth();
app.MapAccount();
app.MapImports();
app.MapAppeals();
app.MapRazorComponents<App>();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point marker for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
