namespace OrderActors.Runtime.Storage.Memory;

/// <summary>The documents of <see cref="InMemoryStorageProvider"/>: by collection, sorted by key, under the store's lock.</summary>
public sealed partial class InMemoryStorageProvider
{
    /// <inheritdoc />
    public Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_documents.TryGetValue(collection, out var docs) ? docs.GetValueOrDefault(key) : null);
        }
    }

    /// <inheritdoc />
    public Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(data);
        StorageRequests.RejectNul(data, "document data");
        lock (_lock)
        {
            if (!_documents.TryGetValue(collection, out var docs))
            {
                docs = new SortedDictionary<string, StoredDocument>(StringComparer.Ordinal);
                _documents.Add(collection, docs);
            }

            var current = docs.GetValueOrDefault(key)?.Version ?? 0;
            if (current != expectedVersion)
            {
                return Task.FromResult<long?>(null);
            }

            docs[key] = new StoredDocument(collection, key, data, current + 1, time.GetUtcNow());
            _commits++;
            return Task.FromResult<long?>(current + 1);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var removed = _documents.TryGetValue(collection, out var docs) && docs.Remove(key);
            if (removed)
            {
                _commits++;
            }

            return Task.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteDocumentsWrittenBeforeAsync(string collection, DateTimeOffset writtenBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            if (!_documents.TryGetValue(collection, out var docs))
            {
                return Task.FromResult(0);
            }

            var old = docs.Values.Where(d => d.UpdatedAt < writtenBefore).Take(maxCount).Select(d => d.Key).ToList();
            foreach (var key in old)
            {
                docs.Remove(key);
            }

            if (old.Count > 0)
            {
                _commits++;
            }

            return Task.FromResult(old.Count);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string collection, string? afterKey, int maxCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_documents.TryGetValue(collection, out var docs))
            {
                return Task.FromResult<IReadOnlyList<StoredDocument>>([]);
            }

            IReadOnlyList<StoredDocument> page = docs.Values
                .Where(d => afterKey is null || string.CompareOrdinal(d.Key, afterKey) > 0)
                .Take(Math.Max(0, maxCount))
                .ToList();
            return Task.FromResult(page);
        }
    }
}
