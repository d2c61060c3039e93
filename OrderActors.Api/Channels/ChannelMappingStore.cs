using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderActors.Api.Caching;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Channels;

/// <summary>
/// Channel mappings in the document store; a channel without a stored mapping uses its built-in default (version 0).
/// Webhooks read them through a short-lived cache (<see cref="GetForWebhookAsync"/>) that <see cref="PutAsync"/> clears
/// on this silo; reads for the API (<see cref="GetAsync"/>) always go to storage.
/// </summary>
public sealed class ChannelMappingStore(IDocumentStore documents, TimeProvider time, IOptions<ApiOptions> options)
{
    public const string Collection = "channel-mappings";

    /// <summary>Only channels with a configured secret get past a webhook's signature check, so a few hundred is plenty.</summary>
    private const int CacheCapacity = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ExpiringCache<ChannelMappingDocument?> _cache = new(time, options.Value.ChannelMappingCacheLifetime, CacheCapacity);

    public async Task<ChannelMappingDocument?> GetAsync(string channel, CancellationToken cancellationToken)
    {
        var stored = await documents.GetDocumentAsync(Collection, channel, cancellationToken);
        return stored is null
            ? DefaultChannelMappings.For(channel)
            : JsonSerializer.Deserialize<ChannelMappingDocument>(stored.Data, Json)! with { Version = (int)stored.Version };
    }

    /// <summary>
    /// The mapping a webhook applies: from memory when read within <see cref="ApiOptions.ChannelMappingCacheLifetime"/>,
    /// else from storage. The document is shared between requests and must not be changed.
    /// </summary>
    public async Task<ChannelMappingDocument?> GetForWebhookAsync(string channel, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(channel, out var cached))
        {
            return cached;
        }

        var generation = _cache.Generation;
        var mapping = await GetAsync(channel, cancellationToken);
        _cache.Add(channel, mapping, generation);
        return mapping;
    }

    /// <summary>The built-in channels and every channel with a stored mapping, in name order.</summary>
    public async Task<IReadOnlyList<string>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        var stored = await documents.ListDocumentsAsync(Collection, null, 1000, cancellationToken);
        return DefaultChannelMappings.Channels.Concat(stored.Select(d => d.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Replaces the mapping; null when someone else replaced it at the same moment (retry). The next webhook on this silo uses it.</summary>
    public async Task<ChannelMappingDocument?> PutAsync(string channel, ChannelMappingDocument mapping, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await documents.GetDocumentAsync(Collection, channel, cancellationToken);
            var version = await documents.TryPutDocumentAsync(Collection, channel, JsonSerializer.Serialize(mapping with { Version = 0 }, Json), stored?.Version ?? 0, cancellationToken);
            return version is null ? null : mapping with { Version = (int)version.Value };
        }
        finally
        {
            _cache.EvictWhere((cached, _) => string.Equals(cached, channel, StringComparison.Ordinal));
        }
    }
}
