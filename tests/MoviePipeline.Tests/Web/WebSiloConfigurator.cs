using Microsoft.Extensions.Configuration;
using MoviePipeline.Observability;
using Orleans.Dashboard;
using Orleans.TestingHost;

namespace MoviePipeline.Tests.Web;

/// <summary>What a production silo adds for operators: telemetry, its Prometheus listener and the dashboard's grains.</summary>
public sealed class WebSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.AddDashboard();
        silo.Services.AddMoviePipelineTelemetry(silo.Configuration, "moviepipeline-silo");
        silo.Services.AddSiloMetricsListener(silo.Configuration);
    }
}
