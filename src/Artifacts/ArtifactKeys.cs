namespace MoviePipeline.Media.Artifacts;

/// <summary>
/// Builds and checks artifact keys. Keys are relative, '/'-separated paths of ASCII letters, digits, '-', '_' and '.';
/// a segment never starts with '.', which keeps '..' and the store's own temp files out of reach.
/// </summary>
public static class ArtifactKeys
{
    /// <summary>Longest key accepted.</summary>
    public const int MaxLength = 512;

    /// <summary>Folder of everything one project owns, ending with '/'.</summary>
    public static string ProjectPrefix(long projectId) => $"projects/{Id(projectId)}/";

    /// <summary>The storyboard frame of a scene: <c>projects/{id}/storyboard/scene_{n}.png</c>.</summary>
    public static string StoryboardFrame(long projectId, int sceneNumber) =>
        $"projects/{Id(projectId)}/storyboard/scene_{Scene(sceneNumber)}.png";

    /// <summary>A draft frame of one render attempt, kept beside the accepted frame: <c>projects/{id}/storyboard/drafts/scene_{n}_attempt_{a}.png</c>.</summary>
    public static string DraftFrame(long projectId, int sceneNumber, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return $"projects/{Id(projectId)}/storyboard/drafts/scene_{Scene(sceneNumber)}_attempt_{attempt}.png";
    }

    /// <summary>The trailer: <c>projects/{id}/trailer.mp4</c>.</summary>
    public static string Trailer(long projectId) => $"projects/{Id(projectId)}/trailer.mp4";

    /// <summary>A scene's clip: <c>projects/{id}/videos/scene_{n}.mp4</c>.</summary>
    public static string SceneClip(long projectId, int sceneNumber) =>
        $"projects/{Id(projectId)}/videos/scene_{Scene(sceneNumber)}.mp4";

    /// <summary>A scene's subtitles, times relative to the clip: <c>projects/{id}/videos/scene_{n}.srt</c>.</summary>
    public static string SceneSubtitles(long projectId, int sceneNumber) =>
        $"projects/{Id(projectId)}/videos/scene_{Scene(sceneNumber)}.srt";

    /// <summary>A scene's whole sound track, padded to the clip: <c>projects/{id}/speech/scene_{n}.wav</c>.</summary>
    public static string SceneAudio(long projectId, int sceneNumber) =>
        $"projects/{Id(projectId)}/speech/scene_{Scene(sceneNumber)}.wav";

    /// <summary>One spoken line, numbered from 1 within its scene: <c>projects/{id}/speech/scene_{n}_line_{k}.wav</c>.</summary>
    public static string SpeechLine(long projectId, int sceneNumber, int lineNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lineNumber, 1);
        return $"projects/{Id(projectId)}/speech/scene_{Scene(sceneNumber)}_line_{lineNumber}.wav";
    }

    /// <summary>The final movie: <c>projects/{id}/final_movie.mp4</c>.</summary>
    public static string FinalMovie(long projectId) => $"projects/{Id(projectId)}/final_movie.mp4";

    /// <summary>The final movie's subtitles: <c>projects/{id}/final_movie.srt</c>.</summary>
    public static string FinalMovieSubtitles(long projectId) => $"projects/{Id(projectId)}/final_movie.srt";

    /// <summary>Folder of one test-video task (the client's "Test Video" page), ending with '/'.</summary>
    public static string TaskPrefix(string taskId) => $"tasks/{TaskId(taskId)}/";

    /// <summary>A test-video task's uploaded image, as PNG: <c>tasks/{id}/image.png</c>.</summary>
    public static string TaskImage(string taskId) => $"tasks/{TaskId(taskId)}/image.png";

    /// <summary>A test-video task's clip: <c>tasks/{id}/clip.mp4</c>.</summary>
    public static string TaskClip(string taskId) => $"tasks/{TaskId(taskId)}/clip.mp4";

    /// <summary>Whether <paramref name="taskId"/> has the form of a task id: 32 lower-case hexadecimal digits.</summary>
    public static bool IsTaskId(string? taskId) => taskId is { Length: 32 } && taskId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>True when <paramref name="key"/> passes <see cref="Validate"/>.</summary>
    public static bool IsValid(string? key) => Problem(key) is null;

    /// <summary>Throws <see cref="InvalidArtifactKeyException"/> saying what is wrong with <paramref name="key"/>.</summary>
    public static string Validate(string? key)
    {
        if (Problem(key) is { } reason)
            throw new InvalidArtifactKeyException(key ?? "", reason);
        return key!;
    }

    private static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
            return "it is empty.";
        if (key.Length > MaxLength)
            return $"it is longer than {MaxLength} characters.";
        if (key.Any(char.IsControl))
            return "it contains control characters.";
        if (key.Contains('\\'))
            return "it contains a backslash; keys use '/' between folders.";
        if (key[0] == '/' || key[0] == '~' || (key.Length > 1 && key[1] == ':'))
            return "it is an absolute path; keys are relative to the artifact store.";

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
                return "it has an empty folder name (a leading, trailing or doubled '/').";
            if (segment is "." or "..")
                return "it contains a '.' or '..' segment, which could reach outside the artifact store.";
            if (segment[0] == '.')
                return "a name in it starts with '.', which is reserved for the store's own files.";
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
                return $"it contains '{c}'; keys use ASCII letters, digits, '-', '_', '.' and '/' only.";
        }

        return null;
    }

    private static long Id(long projectId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(projectId, 1);
        return projectId;
    }

    private static string TaskId(string taskId) =>
        IsTaskId(taskId) ? taskId : throw new ArgumentException($"'{taskId}' is not a task id.", nameof(taskId));

    private static int Scene(int sceneNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sceneNumber, 1);
        return sceneNumber;
    }
}
