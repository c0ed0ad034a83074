namespace MoviePipeline.Silo.Database;

/// <summary>The migrations compiled into this assembly from <c>Database/Migrations/*.sql</c>.</summary>
internal static class EmbeddedMigrations
{
    private const string ResourcePrefix = "MoviePipeline.Silo.Database.Migrations.";

    public static IReadOnlyList<SchemaMigration> Load()
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(SchemaMigration.FromFile(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return migrations;
    }
}
