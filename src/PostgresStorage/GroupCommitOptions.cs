using Orleans.Storage;

namespace MoviePipeline.PostgresStorage;

/// <summary>Settings of one group-commit grain storage (configured under <c>Orleans:GrainStorage:{name}</c>).</summary>
public sealed class GroupCommitOptions
{
    /// <summary>An Npgsql connection string to the database that holds our schema.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The most rows one transaction writes; the writes that wait beyond it go in the next.</summary>
    public int MaxBatchRows { get; set; } = 256;

    /// <summary>The most payload bytes one transaction writes (a single larger state still goes, alone).</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How states become bytes; the silo's <see cref="IGrainStorageSerializer"/> when not set.</summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }

    /// <summary>When in the silo's start the storage reads its query texts.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
