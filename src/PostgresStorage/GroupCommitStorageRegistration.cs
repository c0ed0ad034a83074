using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MoviePipeline.PostgresStorage;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

// Chosen by configuration like Orleans' own providers: Orleans:GrainStorage:{name}:ProviderType = PostgresGroupCommit.
[assembly: RegisterProvider(GroupCommitStorageRegistration.ProviderType, "GrainStorage", "Silo", typeof(GroupCommitStorageProviderBuilder))]

namespace MoviePipeline.PostgresStorage;

public static class GroupCommitStorageRegistration
{
    public const string ProviderType = "PostgresGroupCommit";

    /// <summary>Adds a group-commit grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddGroupCommitGrainStorage(this ISiloBuilder silo, string name, Action<OptionsBuilder<GroupCommitOptions>> configure)
    {
        configure(silo.Services.AddOptions<GroupCommitOptions>(name)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"Grain storage '{name}' has no connection string: set Orleans:GrainStorage:{name}:ConnectionName (a name under ConnectionStrings) or ConnectionString.")
            .Validate(o => o.MaxBatchRows is >= 1 and <= 10_000, $"Orleans:GrainStorage:{name}:MaxBatchRows must be a whole number from 1 to 10000.")
            .Validate(o => o.MaxBatchBytes >= 1024, $"Orleans:GrainStorage:{name}:MaxBatchBytes must be a whole number of at least 1024.")
            .ValidateOnStart());
        silo.Services.AddGrainStorage(name, (services, storageName) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<GroupCommitOptions>>().Get(storageName);
            return new GroupCommitGrainStorage(
                storageName,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                options,
                options.GrainStorageSerializer ?? services.GetRequiredService<IGrainStorageSerializer>(),
                services.GetRequiredService<IActivatorProvider>(),
                services.GetRequiredService<ILogger<GroupCommitGrainStorage>>());
        });
        return silo;
    }
}

/// <summary>
/// Reads a storage's section: <c>ConnectionName</c> (a name under <c>ConnectionStrings</c>) or <c>ConnectionString</c>,
/// and optionally <c>MaxBatchRows</c> and <c>MaxBatchBytes</c>. The settings are read in the options pipeline, so a
/// wrong value stops the silo at start with a validation message naming it, not a stack trace.
/// </summary>
internal sealed class GroupCommitStorageProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.AddGroupCommitGrainStorage(name ?? ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, options => options
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.ConnectionString = configurationSection["ConnectionString"] ?? "";
                if (string.IsNullOrWhiteSpace(o.ConnectionString) && configurationSection["ConnectionName"] is { Length: > 0 } connectionName)
                    o.ConnectionString = configuration.GetConnectionString(connectionName) ?? "";
                o.MaxBatchRows = WholeNumber(configurationSection, nameof(o.MaxBatchRows), o.MaxBatchRows);
                o.MaxBatchBytes = WholeNumber(configurationSection, nameof(o.MaxBatchBytes), o.MaxBatchBytes);
            }));

    // Not a whole number: a value the validation refuses, with the setting's name.
    private static int WholeNumber(IConfigurationSection section, string key, int otherwise) =>
        section[key] is not { } text ? otherwise
        : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : int.MinValue;
}
