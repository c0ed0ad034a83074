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

// Chosen by configuration like Orleans' own providers: Orleans:GrainStorage:{name}:ProviderType and
// Orleans:Reminders:ProviderType = PostgresGroupCommit.
[assembly: RegisterProvider(GroupCommitStorageRegistration.ProviderType, "GrainStorage", "Silo", typeof(GroupCommitStorageProviderBuilder))]
[assembly: RegisterProvider(GroupCommitStorageRegistration.ProviderType, "Reminders", "Silo", typeof(GroupCommitReminderProviderBuilder))]

namespace MoviePipeline.PostgresStorage;

public static class GroupCommitStorageRegistration
{
    public const string ProviderType = "PostgresGroupCommit";

    /// <summary>The name of the reminder table's <see cref="GroupCommitOptions"/>.</summary>
    public const string ReminderOptionsName = "Orleans:Reminders";

    /// <summary>Adds a group-commit grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddGroupCommitGrainStorage(this ISiloBuilder silo, string name, Action<OptionsBuilder<GroupCommitOptions>> configure)
    {
        configure(Validated(silo.Services.AddOptions<GroupCommitOptions>(name), $"Orleans:GrainStorage:{name}"));
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

    /// <summary>Keeps the silo's reminders in PostgreSQL with group commit (<see cref="GroupCommitReminderTable"/>).</summary>
    public static ISiloBuilder UseGroupCommitReminderTable(this ISiloBuilder silo, Action<OptionsBuilder<GroupCommitOptions>> configure)
    {
        configure(Validated(silo.Services.AddOptions<GroupCommitOptions>(ReminderOptionsName), ReminderOptionsName));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(services => new GroupCommitReminderTable(
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<IOptionsMonitor<GroupCommitOptions>>().Get(ReminderOptionsName),
            services.GetRequiredService<ILogger<GroupCommitReminderTable>>()));
        return silo;
    }

    // Checked when the silo starts; each message names the setting (section: where it is configured).
    private static OptionsBuilder<GroupCommitOptions> Validated(OptionsBuilder<GroupCommitOptions> options, string section) => options
        .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
            $"{section} has no connection string: set {section}:ConnectionName (a name under ConnectionStrings) or ConnectionString.")
        .Validate(o => o.MaxBatchRows is >= 1 and <= 10_000, $"{section}:MaxBatchRows must be a whole number from 1 to 10000.")
        .Validate(o => o.MaxBatchBytes >= 1024, $"{section}:MaxBatchBytes must be a whole number of at least 1024.")
        .ValidateOnStart();
}

/// <summary>
/// Reads a storage's section: <c>ConnectionName</c> (a name under <c>ConnectionStrings</c>) or <c>ConnectionString</c>,
/// and optionally <c>MaxBatchRows</c> and <c>MaxBatchBytes</c>. The settings are read in the options pipeline, so a
/// wrong value stops the silo at start with a validation message naming it, not a stack trace.
/// </summary>
internal sealed class GroupCommitStorageProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.AddGroupCommitGrainStorage(name ?? ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, options => ReadSection(options, configurationSection));

    /// <summary>Fills the options from the section when they are first asked for.</summary>
    public static void ReadSection(OptionsBuilder<GroupCommitOptions> options, IConfigurationSection configurationSection) =>
        options.Configure<IConfiguration>((o, configuration) =>
        {
            o.ConnectionString = configurationSection["ConnectionString"] ?? "";
            if (string.IsNullOrWhiteSpace(o.ConnectionString) && configurationSection["ConnectionName"] is { Length: > 0 } connectionName)
                o.ConnectionString = configuration.GetConnectionString(connectionName) ?? "";
            o.MaxBatchRows = WholeNumber(configurationSection, nameof(o.MaxBatchRows), o.MaxBatchRows);
            o.MaxBatchBytes = WholeNumber(configurationSection, nameof(o.MaxBatchBytes), o.MaxBatchBytes);
        });

    // Not a whole number: a value the validation refuses, with the setting's name.
    private static int WholeNumber(IConfigurationSection section, string key, int otherwise) =>
        section[key] is not { } text ? otherwise
        : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : int.MinValue;
}

/// <summary>Reads <c>Orleans:Reminders</c> as <see cref="GroupCommitStorageProviderBuilder"/> reads a storage's section.</summary>
internal sealed class GroupCommitReminderProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseGroupCommitReminderTable(options => GroupCommitStorageProviderBuilder.ReadSection(options, configurationSection));
}
