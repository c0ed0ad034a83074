namespace MoviePipeline.Postgres.Tests;

/// <summary>A small persisted state: stored by the provider's JSON serializer.</summary>
public sealed class CounterState
{
    public int Count { get; set; }

    public string? Note { get; set; }
}
