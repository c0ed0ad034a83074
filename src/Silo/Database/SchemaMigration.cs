using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MoviePipeline.Silo.Database;

/// <summary>One versioned SQL script, e.g. <c>0001_orleans.sql</c>: applied once, in version order.</summary>
internal sealed partial record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>The file name without extension, e.g. <c>0001_orleans</c>: what logs and results show.</summary>
    public string Id => $"{Version.ToString("D4", CultureInfo.InvariantCulture)}_{Name}";

    /// <summary>SHA-256 of the script, recorded when applied, so an edited old migration is noticed.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>Parses a script name of the form <c>NNNN_name.sql</c>.</summary>
    public static SchemaMigration FromFile(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new ArgumentException(
                $"Migration file '{fileName}' must be named like 0002_short_name.sql (four digits, underscore, lower-case name).",
                nameof(fileName));
        }

        return new SchemaMigration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, sql);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
