using MoviePipeline.Projects;

namespace MoviePipeline.Phases.ScriptToTrailer;

/// <summary>The work of phase 1, behind an interface so a remote service can do it instead.</summary>
public interface IScriptToTrailerPhase
{
    Task<TrailerOutput> RunAsync(PhaseContext context, ProjectSnapshot project);
}
