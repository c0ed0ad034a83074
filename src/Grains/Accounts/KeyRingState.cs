namespace MoviePipeline.Accounts;

/// <summary>The data-protection keys (grain state "keys"): each key's XML under the name the key manager gave it.</summary>
[GenerateSerializer, Alias("MoviePipeline.KeyRingState")]
public sealed class KeyRingState
{
    [Id(0)] public Dictionary<string, string> Keys { get; set; } = [];
}
