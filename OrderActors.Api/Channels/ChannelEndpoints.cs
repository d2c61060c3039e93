using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Client.Contracts;
using OrderActors.Grains;

namespace OrderActors.Api.Channels;

/// <summary><c>/api/channels/{channel}/mapping</c>: view (any role) and replace (admin, integration) a channel's field mapping.</summary>
public static class ChannelEndpoints
{
    public static RouteGroupBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/api/channels").WithTags("Channels").RequireRoles(ApiRoles.All.ToArray());
        channels.MapGet("/", ListAsync);
        channels.MapGet("/{channel}/mapping", GetAsync);
        channels.MapPut("/{channel}/mapping", PutAsync).RequireRoles(ApiRoles.Integration);
        return channels;
    }

    private static async Task<Ok<List<string>>> ListAsync(ChannelMappingStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListChannelsAsync(cancellationToken)).ToList());

    private static async Task<Results<Ok<ChannelMappingDocument>, NotFound>> GetAsync(string channel, ChannelMappingStore store, CancellationToken cancellationToken)
    {
        var mapping = ChannelMappingValidator.IsValidChannelName(channel) ? await store.GetAsync(channel, cancellationToken) : null;
        return mapping is null ? TypedResults.NotFound() : TypedResults.Ok(mapping);
    }

    private static async Task<Ok<ChannelMappingDocument>> PutAsync(string channel, ChannelMappingDocument mapping, ChannelMappingStore store, CancellationToken cancellationToken)
    {
        if (!ChannelMappingValidator.IsValidChannelName(channel))
        {
            throw DomainException.Validation("channel.name_invalid", "channel", "Channel names are 2-32 lower-case letters, digits or '_'.");
        }

        ChannelMappingValidator.Validate(mapping);
        var saved = await store.PutAsync(channel, mapping, cancellationToken)
            ?? throw DomainException.Conflict("channel.mapping_changed", "The mapping was replaced concurrently; read it again and retry.");
        return TypedResults.Ok(saved);
    }
}
