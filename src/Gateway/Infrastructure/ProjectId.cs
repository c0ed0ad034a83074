using System.Globalization;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// A project id in a route: a positive whole number. Minimal APIs bind it through <see cref="TryParse"/>; a value that
/// is not one fails the binding, and <see cref="BadRequestHandler"/> answers with <see cref="Problems.NotAProjectId"/>.
/// </summary>
public readonly record struct ProjectId(long Value)
{
    public static bool TryParse(string? raw, out ProjectId id)
    {
        var valid = long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0;
        id = new ProjectId(valid ? value : 0);
        return valid;
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
