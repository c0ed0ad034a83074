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
}
