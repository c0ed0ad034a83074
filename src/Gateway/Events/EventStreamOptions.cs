namespace MoviePipeline.Gateway.Events;

/// <summary>The workflow event stream (configuration section "Events").</summary>
public sealed class EventStreamOptions
{
    public const string SectionName = "Events";

    /// <summary>How long a stream may stay silent before a comment line keeps proxies from closing it.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a browser waits before it reconnects after the connection dropped (the SSE <c>retry:</c> field).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
