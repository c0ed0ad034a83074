using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace MoviePipeline.Persistence;

/// <summary>
/// How grain state is turned into the bytes the storage provider keeps.
/// </summary>
/// <remarks>
/// Orleans' default writes Newtonsoft JSON with type names: every workflow change serialized
/// the whole state through reflection, the largest share of a no-op workflow's silo CPU. Our
/// state types carry <c>[GenerateSerializer]</c> with stable <c>[Id]</c>s, so Orleans' own
/// binary format (generated code, version tolerant, a quarter of the size) stores them instead.
/// Rows written as JSON before this change still read: the JSON serializer is the fallback.
/// </remarks>
public static class GrainStateSerialization
{
    public static IServiceCollection AddBinaryGrainStateSerializer(this IServiceCollection services)
    {
        // Orleans registers its JSON default with TryAdd; this registration wins in either order.
        services.AddSingleton(Create);
        return services;
    }

    /// <summary>Writes Orleans' binary format; reads it, or JSON written by Orleans' default serializer.</summary>
    public static IGrainStorageSerializer Create(IServiceProvider services) => new GrainStorageSerializer(
        new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
        new JsonGrainStorageSerializer(services.GetRequiredService<OrleansJsonSerializer>()));
}
