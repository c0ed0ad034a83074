namespace MoviePipeline.Postgres.Tests;

/// <summary>All database tests share one server and silo, started once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Postgres";
}
