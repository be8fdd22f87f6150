using AppealStudio.Data;
using AppealStudio.Data.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using AppealStudio.Data.Lifecycle;

namespace AppealStudio.Web.Infrastructure;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The web host's own services: interactive server components with MudBlazor, data, health, antiforgery, the
    /// acting user, and the per-circuit plumbing (a service scope per operation, revalidated sign-in, idle tracking).
    /// </summary>
    public static IServiceCollection AddAppealStudioWeb(this IServiceCollection services, IConfiguration configuration,
        IWebHostEnvironment environment)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents(o =>
            {
                // Stack traces reach the browser only in Development; users see the error boundary's message.
                o.DetailedErrors = environment.IsDevelopment();
                o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            })
            .AddHubOptions(o =>
            {
                // File uploads stream in chunks well under this; a larger message is refused rather than buffered.
                o.MaximumReceiveMessageSize = 64 * 1024;
            });
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddAppealStudioData(configuration);
        services.AddKeyRingDecryption(configuration, environment); // ADR 0081: the key ring's certificate

        services.AddScoped<CspNonce>();
        services.AddScoped<WebActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<WebActor>());
        services.AddScoped<CircuitClient>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<Operations>();
        services.AddScoped<CircuitHandler, CircuitActivityHandler>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, BreakGlassClaimsTransformation>();
        services.AddSingleton<SearchTerms>();

        services.AddAppealStudioScheduler(configuration);
        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(o =>
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Features.Health.HealthEndpoints.ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Features.Health.HealthEndpoints.ReadyTag]);
        services.AddAuditQueue(configuration);
        services.AddAppealStudioTelemetry(configuration);
        services.AddSingleton(new StartupBanner());
        return services;
    }
}
