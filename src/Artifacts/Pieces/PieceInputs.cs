using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MoviePipeline.Media.Artifacts;

/// <summary>
/// The inputs of one piece of work (a frame, a spoken line, a clip, ...), written down as named lines of text; their
/// hash names the piece. Two runs that write the same lines get the same key and so share the piece; one changed
/// input gives a new key. Whatever shapes the output must be added here, and nothing else (or reuse is lost).
/// </summary>
public sealed class PieceInputs
{
    private readonly StringBuilder _text = new();

    /// <param name="kind">What is made, e.g. "frame"; it names the folder.</param>
    /// <param name="version">The version of the code that makes it: raise it when that code makes something else.</param>
    public PieceInputs(string kind, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (!kind.All(c => char.IsAsciiLetterLower(c) || c == '-'))
            throw new ArgumentException($"A piece kind is lower-case letters and '-'; '{kind}' is not.", nameof(kind));
        Kind = kind;
        Add("kind", kind).Add("version", version);
    }

    public string Kind { get; }

    /// <summary>Adds one named input. Line breaks in the value are escaped, so no value can forge another line.</summary>
    public PieceInputs Add(string name, string? value)
    {
        _text.Append(name).Append('=');
        foreach (var c in value ?? "")
        {
            _ = c switch
            {
                '\\' => _text.Append(@"\\"),
                '\n' => _text.Append(@"\n"),
                '\r' => _text.Append(@"\r"),
                _ => _text.Append(c),
            };
        }
        _text.Append('\n');
        return this;
    }

    public PieceInputs Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public PieceInputs Add(string name, double value) => Add(name, value.ToString("R", CultureInfo.InvariantCulture));

    public PieceInputs Add(string name, bool value) => Add(name, value ? "true" : "false");

    /// <summary>The name of the piece: 32 hexadecimal digits (128 bits) of the SHA-256 of the inputs.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_text.ToString())))[..32];

    /// <summary>A piece that is one file: <c>projects/{id}/pieces/{kind}/{hash}.{extension}</c>.</summary>
    public string FileKey(long projectId, string extension) => $"{PieceFolders.Of(projectId, Kind)}{Hash()}.{extension}";

    /// <summary>A piece of several files, <c>projects/{id}/pieces/{kind}/{hash}/</c>; see <see cref="PieceFolder"/>.</summary>
    public PieceFolder Folder(long projectId) => new($"{PieceFolders.Of(projectId, Kind)}{Hash()}/");

    /// <summary>The text that is hashed, for logs and tests.</summary>
    public override string ToString() => _text.ToString();
}

/// <summary>
/// A piece of several files, e.g. a clip with its sound track and subtitles. Its manifest is written last, after every
/// other file is in place, so the manifest's presence means the piece is whole: a run that died half-way left none.
/// </summary>
public sealed record PieceFolder(string Prefix)
{
    public const string ManifestName = "manifest.json";

    public string Key(string fileName) => Prefix + fileName;

    public string ManifestKey => Prefix + ManifestName;
}

/// <summary>Where a project's pieces live: <c>projects/{id}/pieces/</c>, one folder per kind.</summary>
public static class PieceFolders
{
    public static string Root(long projectId) => ArtifactKeys.ProjectPrefix(projectId) + "pieces/";

    public static string Of(long projectId, string kind) => $"{Root(projectId)}{kind}/";

    /// <summary>
    /// The piece a key belongs to: for <c>…/pieces/{kind}/{hash}.{ext}</c> and <c>…/pieces/{kind}/{hash}/{file}</c> it is
    /// <c>…/pieces/{kind}/{hash}</c>; null for a key outside the pieces.
    /// </summary>
    public static string? PieceOf(string key)
    {
        var at = key.IndexOf("/pieces/", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = key.AsSpan(at + "/pieces/".Length);
        var kindEnd = rest.IndexOf('/');
        if (kindEnd < 0) return null;
        var name = rest[(kindEnd + 1)..];
        var end = name.IndexOfAny('/', '.');
        return key[..(at + "/pieces/".Length + kindEnd + 1 + (end < 0 ? name.Length : end))];
    }
}
