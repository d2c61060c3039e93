using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Api;

/// <summary>A dictionary document store that counts its reads, to show what a cache saved.</summary>
internal sealed class CountingDocumentStore : IDocumentStore
{
    private readonly Dictionary<(string, string), StoredDocument> _documents = [];

    public int Reads { get; private set; }

    public Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(_documents.GetValueOrDefault((collection, key)));
    }

    public Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken)
    {
        var version = _documents.TryGetValue((collection, key), out var existing) ? existing.Version : 0;
        if (version != expectedVersion)
        {
            return Task.FromResult<long?>(null);
        }

        _documents[(collection, key)] = new StoredDocument(collection, key, data, version + 1, DateTimeOffset.UnixEpoch);
        return Task.FromResult<long?>(version + 1);
    }

    public Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.Remove((collection, key)));

    public Task<int> DeleteDocumentsWrittenBeforeAsync(string collection, DateTimeOffset writtenBefore, int maxCount, CancellationToken cancellationToken)
    {
        var old = _documents.Values.Where(d => d.Collection == collection && d.UpdatedAt < writtenBefore).Take(maxCount).ToList();
        old.ForEach(d => _documents.Remove((d.Collection, d.Key)));
        return Task.FromResult(old.Count);
    }

    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string collection, string? afterKey, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDocument>>(_documents.Values
            .Where(d => d.Collection == collection && (afterKey is null || string.CompareOrdinal(d.Key, afterKey) > 0))
            .OrderBy(d => d.Key, StringComparer.Ordinal).Take(maxCount).ToList());
}
