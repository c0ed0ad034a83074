using System.Net;
using MoviePipeline.Tests.Infrastructure;

namespace MoviePipeline.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class OperatorPagesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Dashboard_UnlessTurnedOn_IsNotServed()
    {
        // It has no authentication of its own, so a gateway serves it only when Observability:Dashboard says so.
        var response = await fixture.Http.GetAsync(MoviePipeline.Gateway.Observability.GatewayObservability.DashboardPath + "/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
