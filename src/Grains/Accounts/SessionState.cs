namespace MoviePipeline.Accounts;

/// <summary>A signed-in session as stored (grain state "session"): the serialized sign-in ticket and when it lapses.</summary>
[GenerateSerializer, Alias("MoviePipeline.SessionState")]
public sealed class SessionState
{
    [Id(0)] public byte[] Ticket { get; set; } = [];
    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
}
