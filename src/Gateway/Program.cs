using MoviePipeline.Gateway.Apis;
using MoviePipeline.Gateway.Infrastructure;

// appsettings.json sits beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// Scripts are at most 2 MiB, but JSON escaping can make the body several times larger.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 16 * 1024 * 1024);

// Clustering comes from the "Orleans" configuration section (Static gateways or AdoNet).
builder.UseOrleansClient(client => client.UseConnectionRetryFilter<WaitForClusterFilter>());
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
builder.Services.AddOpenApi();
builder.Services.AddMediaApi(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapSystemApi();
app.MapProjectsApi();
app.MapWorkflowApi();
app.MapMediaApi();
app.Run();

/// <summary>Lets WebApplicationFactory host the gateway in tests.</summary>
public partial class Program;
