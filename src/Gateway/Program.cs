using MoviePipeline.Gateway.Accounts;
using MoviePipeline.Gateway.Apis;
using MoviePipeline.Gateway.Frontend;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Gateway.Observability;
using MoviePipeline.Observability;
using Orleans.Dashboard;

// appsettings.json sits beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// Scripts are at most 2 MiB, but JSON escaping can make the body several times larger.
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
    FrameworkProblems.RaiseServerLimits(k);
});

// Clustering comes from the "Orleans" configuration section (Static gateways or AdoNet).
bool dashboard;
try
{
    dashboard = ObservabilityOptions.From(builder.Configuration).Dashboard;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // A wrong setting stops the gateway with a message that names it.
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", ex.Failures));
    return 1;
}
if (GatewayDatabase.LimitConnections(builder.Configuration) is { } databaseError)
{
    await Console.Error.WriteLineAsync("Configuration error: " + databaseError);
    return 1;
}
builder.UseOrleansClient(client =>
{
    client.UseConnectionRetryFilter<WaitForClusterFilter>();
    // Orleans:Messaging:ResponseTimeout and the other client messaging settings, like the silo's.
    client.Services.Configure<Orleans.Configuration.ClientMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
    if (dashboard) client.AddDashboard();
});
builder.Services.AddClusterCalls(builder.Configuration);
// The framework answers some requests itself (no route, a method not taken, a body that is not JSON) with a problem
// detail that has no sentence for people; give it one.
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.AddSentence);
// Binding failures throw, so that BadRequestHandler can say what to fix.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
// Numbers are numbers: the web default also reads them from strings, and the OpenAPI document would then type every
// id in every answer as "integer or string". No request body of ours has a number.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
builder.Services.AddApiDescription();
builder.Services.AddWorkflowEventStream(builder.Configuration);
builder.AddGatewayObservability();
builder.Services.AddMediaApi(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);

var app = builder.Build();
app.UseRequestLimits();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebSecurity(app.Configuration);
app.UseFrontend();
// Routing after the static files, so a file is served before any route (a built frontend's page route takes every GET).
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapOpenApi().AllowAnonymous();
app.MapGatewayObservability(dashboard);
app.MapAuthApi();
app.MapSystemApi();
app.MapProjectsApi();
app.MapWorkflowApi();
app.MapWorkflowEventsApi();
app.MapMediaApi();
app.MapClipTaskApi();
app.MapFrontendRoutes();
await app.RunAsync();
return 0;

/// <summary>Lets WebApplicationFactory host the gateway in tests.</summary>
public partial class Program;
