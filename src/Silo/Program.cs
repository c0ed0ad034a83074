using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoviePipeline;
using MoviePipeline.Observability;
using MoviePipeline.Silo.Database;
using Orleans.Configuration;
using Orleans.Dashboard;

// `MoviePipeline.Silo migrate [--connection CS]` applies the database schema and exits.
if (args.FirstOrDefault() == MigrateCommand.Verb) return await MigrateCommand.RunAsync(args);

// appsettings.json sits beside the binary, wherever the process is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// With PostgreSQL configured: wait for it (with a log line per retry) and bring its schema up to date.
using (var startupLogging = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true)))
{
    try
    {
        await DatabaseStartup.PrepareAsync(builder.Configuration, startupLogging.CreateLogger("MoviePipeline.Database"));
        DatabaseStartup.ApplyConnectionDefaults(builder.Configuration);
    }
    catch (DatabaseSetupException ex)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return 1;
    }
}

ObservabilityOptions observability;
try
{
    builder.Services.AddMoviePipelineGrains(builder.Configuration);
    observability = ObservabilityOptions.From(builder.Configuration);
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", ex.Failures));
    return 1;
}
builder.Services.AddMoviePipelineTelemetry(builder.Configuration, "moviepipeline-silo");
builder.Services.AddSiloMetricsListener(builder.Configuration);

// Providers (clustering, grain storage, reminders) come from the "Orleans" section; the timings
// Orleans does not read from configuration are bound here.
builder.UseOrleans(silo =>
{
    silo.Services.AddOptions<ClusterMembershipOptions>().Bind(builder.Configuration.GetSection("Orleans:Membership"));
    silo.Services.AddOptions<ReminderOptions>().Bind(builder.Configuration.GetSection("Orleans:ReminderService"));
    silo.Services.AddOptions<GrainCollectionOptions>().Bind(builder.Configuration.GetSection("Orleans:GrainCollection"));
    if (observability.Dashboard) silo.AddDashboard();
});

try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // A wrong setting stops the silo with a message that names it.
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", ex.Failures));
    return 1;
}
