using MoviePipeline.Media.Speech;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Video;

/// <summary>All scenes of a project, in story order, to assemble into the final movie.</summary>
public sealed record MovieRequest(long ProjectId, IReadOnlyList<AnalyzedScene> Scenes)
{
    /// <summary>Every character name of the project: keeps voices apart when <see cref="Voices"/> is not given.</summary>
    public IReadOnlyList<string>? Cast { get; init; }

    /// <summary>The voices cast for the script.</summary>
    public VoiceCast? Voices { get; init; }

    /// <summary>The request for a whole analysis, scenes sorted by number.</summary>
    public static MovieRequest For(long projectId, ScriptAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new MovieRequest(projectId, [.. analysis.Scenes.OrderBy(s => s.Number)])
        {
            Cast = [.. analysis.Characters.Select(c => c.Name)],
            Voices = VoiceCasting.Cast(analysis.Characters, analysis.Scenes),
        };
    }
}
