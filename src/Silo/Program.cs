using Microsoft.Extensions.Hosting;
using MoviePipeline;

// appsettings.json sits beside the binary, wherever the process is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddMoviePipelineGrains(builder.Configuration);

// Providers (clustering, grain storage, reminders) come from the "Orleans" configuration section.
builder.UseOrleans();

await builder.Build().RunAsync();
