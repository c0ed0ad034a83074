using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OpenApi;
using MoviePipeline.Gateway.Accounts;
using MoviePipeline.Observability;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace MoviePipeline.Gateway.Observability;

/// <summary>
/// What an operator needs from a gateway: OpenTelemetry metrics (Prometheus at <c>/metrics</c>,
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set) and traces, health endpoints, the Orleans
/// dashboard and the interactive API reference. Nothing here loads anything from the internet.
/// </summary>
public static class GatewayObservability
{
    public const string ServiceName = "moviepipeline-gateway";
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    /// <summary>Not /dashboard: that is the frontend's own route.</summary>
    public const string DashboardPath = "/admin/dashboard";
    public const string DocsPath = "/docs";

    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddMoviePipelineTelemetry(builder.Configuration, ServiceName,
            metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter(),
            tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperatorPath(http.Request.Path)));
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        builder.Services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "MoviePipeline API";
            document.Info.Description = "Turn a screenplay into a trailer, a storyboard and a movie. " +
                "Errors are RFC 9457 problem details whose `detail` is meant for people.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapGatewayObservability(this WebApplication app, bool dashboard)
    {
        // Metrics and the dashboard show every user's activity: administrators only.
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AccountServices.AdminPolicy);
        // /alive: the process serves HTTP (no checks run); /health: the cluster answers too.
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        if (dashboard)
            app.MapOrleansDashboard(routePrefix: DashboardPath).ExcludeFromDescription().RequireAuthorization(AccountServices.AdminPolicy);
        app.MapScalarApiReference(DocsPath, o => o
            .WithTitle("MoviePipeline API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()).AllowAnonymous();
        return app;
    }

    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath)
        || path.StartsWithSegments(DashboardPath);
}
