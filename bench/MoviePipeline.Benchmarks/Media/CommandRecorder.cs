using MoviePipeline.Media.Tools;

namespace MoviePipeline.Benchmarks.Media;

/// <summary>
/// Hears every command the pipeline's <see cref="ExternalToolRunner"/> finishes and keeps it for a bare replay. The
/// pipeline deletes its scratch folders as it goes, so on each command the scratch folders it names are copied (while
/// they still exist) to a kept folder, and the command's paths are moved there. Copying costs time: record in an
/// untimed run only.
/// </summary>
public sealed class CommandRecorder(string scratchRoot, string keptRoot)
{
    private readonly List<RecordedCommand> _commands = [];
    private readonly string _scratchPrefix = Path.TrimEndingDirectorySeparator(scratchRoot) + Path.DirectorySeparatorChar;
    private readonly string _keptPrefix = Path.TrimEndingDirectorySeparator(keptRoot) + Path.DirectorySeparatorChar;

    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (_commands)
                return [.. _commands];
        }
    }

    public void Record(ExternalToolCommand command, ExternalToolResult result)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        lock (_commands)
        {
            var texts = command.Arguments.Append(command.WorkingDirectory ?? "").Append(command.StandardInput ?? "");
            foreach (var folder in texts.SelectMany(ScratchFolders).Distinct(StringComparer.Ordinal))
                CopyFolder(_scratchPrefix + folder, _keptPrefix + folder);

            var moved = command with
            {
                Arguments = [.. command.Arguments.Select(Move)],
                WorkingDirectory = command.WorkingDirectory is { } w ? Move(w) : null,
                StandardInput = command.StandardInput is { } s ? Move(s) : null,
            };
            _commands.Add(new RecordedCommand(moved, result.Elapsed));
        }
    }

    private string Move(string text) => text.Replace(_scratchPrefix, _keptPrefix, StringComparison.Ordinal);

    /// <summary>The names of the scratch folders a text mentions (the first path segment after the scratch root).</summary>
    private IEnumerable<string> ScratchFolders(string text)
    {
        for (var at = text.IndexOf(_scratchPrefix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(_scratchPrefix, at + 1, StringComparison.Ordinal))
        {
            var start = at + _scratchPrefix.Length;
            var end = text.IndexOfAny([Path.DirectorySeparatorChar, '\'', '"', ':', '\n'], start);
            var name = end < 0 ? text[start..] : text[start..end];
            if (name.Length > 0)
                yield return name;
        }
    }

    private static void CopyFolder(string source, string target)
    {
        if (!Directory.Exists(source))
            return;
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
