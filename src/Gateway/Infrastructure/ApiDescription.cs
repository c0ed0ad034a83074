using Microsoft.OpenApi;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// What the OpenAPI document (<c>/openapi/v1.json</c>) says beyond what the framework infers from the handlers: the
/// problem details each operation can answer with, and the types the framework cannot see (a project id is bound from
/// text but is a positive whole number; <c>/movie</c> answers a literal <c>null</c> before there is a movie).
/// </summary>
public static class ApiDescription
{
    public static IServiceCollection AddApiDescription(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter is { Name: "id", In: ParameterLocation.Path })
                {
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" };
                    parameter.Description = "The project's id.";
                }
            }

            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<NullableResponse>().Any()
                && operation.Responses?.TryGetValue("200", out var ok) == true
                && ok.Content?.TryGetValue("application/json", out var json) == true && json.Schema is { } schema)
            {
                json.Schema = new OpenApiSchema { AnyOf = [schema, new OpenApiSchema { Type = JsonSchemaType.Null }] };
            }

            return Task.CompletedTask;
        });
    });

    /// <summary>A route with a project id: 400 for an id that is not one, 404 for a project that does not exist.</summary>
    public static TBuilder ProducesProjectProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    /// <summary>A route for signed-in users: 401 without a session.</summary>
    public static TBuilder ProducesAccountProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithProblems(StatusCodes.Status401Unauthorized);

    /// <summary>Any route that calls the cluster: 503 (with <c>Retry-After</c>) when no silo or storage answers, 504 when one is too slow.</summary>
    public static TBuilder ProducesClusterProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithProblems(StatusCodes.Status503ServiceUnavailable, StatusCodes.Status504GatewayTimeout);

    /// <summary>A route with a JSON body: 400 for a body of the wrong shape, 413 for one too large, 415 for one that is not JSON.</summary>
    public static TBuilder ProducesBodyProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The statuses answered with a problem detail (<c>application/problem+json</c>).</summary>
    public static TBuilder WithProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. statuses.Select(status => new ProducesResponseTypeMetadata(
            status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemContentType]))]);

    private const string ProblemContentType = "application/problem+json";

    /// <summary>The 200 answer may be a literal JSON <c>null</c>.</summary>
    public static TBuilder ProducesNullable<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NullableResponse());

    private sealed class NullableResponse;
}
