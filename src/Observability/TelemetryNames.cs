namespace MoviePipeline.Observability;

/// <summary>The meters and activity sources the service collects.</summary>
public static class TelemetryNames
{
    /// <summary>Our own meter (the workflow's instruments live in the grains assembly under this name).</summary>
    public const string MoviePipelineMeter = "MoviePipeline";

    /// <summary>Orleans' runtime instruments: grain calls, messaging, activations, membership.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Orleans' spans, emitted when <c>Orleans:EnableDistributedTracing</c> is true.</summary>
    public const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";

    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>The standard variable that turns OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
}
