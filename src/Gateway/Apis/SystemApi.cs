using MoviePipeline.Gateway.Contracts;

namespace MoviePipeline.Gateway.Apis;

public static class SystemApi
{
    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/system/health", () => TypedResults.Ok(new HealthDto("ok")))
            .WithTags("System").WithName("Health").WithSummary("Whether the gateway is up").AllowAnonymous();
        return app;
    }
}
