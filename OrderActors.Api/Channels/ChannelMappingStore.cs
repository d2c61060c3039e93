using System.Text.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Channels;

/// <summary>Channel mappings in the document store; a channel without a stored mapping uses its built-in default (version 0).</summary>
public sealed class ChannelMappingStore(IDocumentStore documents)
{
    public const string Collection = "channel-mappings";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ChannelMappingDocument?> GetAsync(string channel, CancellationToken cancellationToken)
    {
        var stored = await documents.GetDocumentAsync(Collection, channel, cancellationToken);
        return stored is null
            ? DefaultChannelMappings.For(channel)
            : JsonSerializer.Deserialize<ChannelMappingDocument>(stored.Data, Json)! with { Version = (int)stored.Version };
    }

    /// <summary>The built-in channels and every channel with a stored mapping, in name order.</summary>
    public async Task<IReadOnlyList<string>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        var stored = await documents.ListDocumentsAsync(Collection, null, 1000, cancellationToken);
        return DefaultChannelMappings.Channels.Concat(stored.Select(d => d.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Replaces the mapping; null when someone else replaced it at the same moment (retry).</summary>
    public async Task<ChannelMappingDocument?> PutAsync(string channel, ChannelMappingDocument mapping, CancellationToken cancellationToken)
    {
        var stored = await documents.GetDocumentAsync(Collection, channel, cancellationToken);
        var version = await documents.TryPutDocumentAsync(Collection, channel, JsonSerializer.Serialize(mapping with { Version = 0 }, Json), stored?.Version ?? 0, cancellationToken);
        return version is null ? null : mapping with { Version = (int)version.Value };
    }
}
