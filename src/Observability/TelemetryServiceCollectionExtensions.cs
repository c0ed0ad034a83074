using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MoviePipeline.Observability;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Collects Orleans' and our own metrics plus outgoing HTTP calls. Traces (Orleans' spans and
    /// HTTP) and the OTLP exporter are added only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set:
    /// spans nobody exports are work for nothing. Returns the builder for host-specific additions.
    /// </summary>
    public static OpenTelemetryBuilder AddMoviePipelineTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<MeterProviderBuilder>? metrics = null, Action<TracerProviderBuilder>? tracing = null)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(TelemetryNames.OrleansMeter, TelemetryNames.MoviePipelineMeter).AddHttpClientInstrumentation();
                metrics?.Invoke(m);
            });

        if (!string.IsNullOrWhiteSpace(configuration[TelemetryNames.OtlpEndpointVariable]))
        {
            otel.WithTracing(t =>
                {
                    t.AddSource(TelemetryNames.OrleansRuntimeSource, TelemetryNames.OrleansApplicationSource).AddHttpClientInstrumentation();
                    tracing?.Invoke(t);
                })
                .UseOtlpExporter();
        }
        return otel;
    }

    /// <summary>
    /// Serves this process's metrics for Prometheus at <see cref="ObservabilityOptions.SiloMetricsUrl"/>
    /// when it is set (a small HTTP listener, so a silo needs no web server).
    /// </summary>
    public static IServiceCollection AddSiloMetricsListener(this IServiceCollection services, IConfiguration configuration)
    {
        var url = ObservabilityOptions.From(configuration).SiloMetricsUrl;
        if (string.IsNullOrWhiteSpace(url)) return services;

        var endpoint = SiloMetricsEndpoint.Parse(url);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusHttpListener(o =>
        {
            o.Host = endpoint.Host;
            o.Port = endpoint.Port;
            o.ScrapeEndpointPath = endpoint.Path;
        }));
        return services;
    }
}
