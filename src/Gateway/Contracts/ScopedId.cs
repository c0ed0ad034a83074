namespace MoviePipeline.Gateway.Contracts;

/// <summary>
/// Ids of the records inside a project (scenes, characters, settings, frames, clips): the
/// project id times a million plus the record's number, so they are unique per kind across
/// the service, stable across phase reruns, and stay below 2^53 (exact as JavaScript numbers)
/// for the first nine billion projects.
/// </summary>
public static class ScopedId
{
    public const long Factor = 1_000_000;

    public static long Of(long projectId, int number) => projectId * Factor + number;
}
