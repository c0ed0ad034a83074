namespace MoviePipeline.Observability;

/// <summary>The parts of <see cref="ObservabilityOptions.SiloMetricsUrl"/> the Prometheus listener needs.</summary>
public sealed record SiloMetricsEndpoint(string Host, int Port, string Path)
{
    /// <summary>Parses an absolute <c>http://host:port/path</c> URL; the message names the setting when it is wrong.</summary>
    public static SiloMetricsEndpoint Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException(
                $"Observability:SiloMetricsUrl '{url}' is not valid: give an http URL, e.g. http://127.0.0.1:9464/metrics.");
        }
        if (uri.Port == 0)
            throw new ArgumentException($"Observability:SiloMetricsUrl '{url}' must name a fixed port, not 0.");
        var path = uri.AbsolutePath is "" or "/" ? "/metrics" : uri.AbsolutePath;
        return new SiloMetricsEndpoint(uri.Host, uri.Port, path);
    }
}
