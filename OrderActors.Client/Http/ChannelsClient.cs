using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/channels</c>: the channels and their field mappings.</summary>
public sealed class ChannelsClient(ApiConnection connection)
{
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        connection.GetAsync<IReadOnlyList<string>>("/api/channels", cancellationToken);

    public Task<ChannelMappingDocument> GetMappingAsync(string channel, CancellationToken cancellationToken = default) =>
        connection.GetAsync<ChannelMappingDocument>($"/api/channels/{ApiConnection.Escape(channel)}/mapping", cancellationToken);

    public Task<ChannelMappingDocument> PutMappingAsync(string channel, ChannelMappingDocument mapping, CancellationToken cancellationToken = default) =>
        connection.PutAsync<ChannelMappingDocument>($"/api/channels/{ApiConnection.Escape(channel)}/mapping", mapping, cancellationToken);
}
