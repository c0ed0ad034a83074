using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MoviePipeline.Observability;

/// <summary>Configuration section "Observability".</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>
    /// Where a silo serves its Prometheus metrics, e.g. <c>http://127.0.0.1:9464/metrics</c>;
    /// empty (the default) serves none. The gateway's <c>/metrics</c> shows only the gateway's
    /// own metrics: the workflow's instruments live on the silos.
    /// </summary>
    public string? SiloMetricsUrl { get; set; }

    /// <summary>
    /// Whether silos collect the Orleans dashboard's statistics and gateways serve it at
    /// <c>/dashboard</c>. Off by default: it has no authentication of its own, and collecting
    /// costs every grain call (status p99 at 2,000 requests/s: 2.5 ms without, 4–5 ms with it).
    /// <c>scripts/run.sh</c> turns it on for its loopback-only cluster.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>The section bound; a value of the wrong type is an <see cref="OptionsValidationException"/> naming the setting.</summary>
    public static ObservabilityOptions From(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SectionName).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the setting and the value: "Failed to convert configuration value 'x' at 'Observability:Dashboard' ...".
            throw new OptionsValidationException(SectionName, typeof(ObservabilityOptions), [ex.Message]);
        }
    }
}
