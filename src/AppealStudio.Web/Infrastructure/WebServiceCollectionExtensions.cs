using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Lifecycle;

namespace AppealStudio.Web.Infrastructure;

public static class WebServiceCollectionExtensions
{
    /// <summary>The web host's own services: components, data, health, antiforgery, the acting user.</summary>
    public static IServiceCollection AddAppealStudioWeb(this IServiceCollection services, IConfiguration configuration,
        IWebHostEnvironment environment)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddAppealStudioData(configuration);
        services.AddAppealStudioScheduler(configuration);
        services.AddScoped<ICurrentActor, HttpContextActor>();
        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(o =>
        {
            // htmx sends the token in this header for requests made outside a form (hx-headers on <body>).
            o.HeaderName = AntiforgeryDefaults.HeaderName;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSingleton(new StartupBanner());
        return services;
    }
}

public static class AntiforgeryDefaults
{
    public const string HeaderName = "RequestVerificationToken";
}
