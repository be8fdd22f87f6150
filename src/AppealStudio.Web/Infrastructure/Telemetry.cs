using AppealStudio.Data.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// OpenTelemetry for operators (issue 14): traces of requests, outgoing HTTP, EF Core and Npgsql; metrics of ASP.NET
/// Core, HttpClient, Npgsql and the product's own <see cref="AppMetrics"/>. Exported through OTLP when an endpoint is
/// configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Telemetry:OtlpEndpoint</c>) and scraped by Prometheus at
/// <c>/metrics</c> behind the Settings (Admin) policy when <c>Telemetry:Prometheus</c> is on (the default).
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddAppealStudioTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var prometheus = configuration.GetValue("Telemetry:Prometheus", true);
        services.AddScoped<CircuitHandler, CircuitsOpenHandler>();
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("AppealStudio", serviceInstanceId: configuration["Scheduler:Instance"]))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(AppMetrics.MeterName)
                    .AddMeter("Npgsql");
                if (prometheus)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp is { Length: > 0 })
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        if (otlp is { Length: > 0 })
        {
            // Traces are only worth collecting when someone receives them.
            builder.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                // Npgsql's own ActivitySource and Meter (both named "Npgsql"): no extra package needed.
                .AddSource("Npgsql")
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }

        return services;
    }

    /// <summary>The Prometheus scrape endpoint, for Admins only (metrics reveal volumes and timings of the practice).</summary>
    public static WebApplication MapAppealStudioTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue("Telemetry:Prometheus", true))
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Settings);
        }

        return app;
    }
}

/// <summary>Counts the interactive circuits open in this instance.</summary>
public sealed class CircuitsOpenHandler : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        AppMetrics.CircuitsOpen.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        AppMetrics.CircuitsOpen.Add(-1);
        return Task.CompletedTask;
    }
}
