namespace OrderActors.Runtime.Storage;

/// <summary>
/// Small durable documents outside any grain (API keys, subscriptions, idempotency records), by collection and key,
/// with optimistic concurrency. Writes go through the same group commit as appends.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Reads a document, or <see langword="null"/>.</summary>
    Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a document if its stored version equals <paramref name="expectedVersion"/> (0 = must not exist) and returns
    /// the new version; otherwise returns <see langword="null"/> and writes nothing (atomic create-if-absent for version 0).
    /// </summary>
    Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes a document; true when it existed.</summary>
    Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> documents of <paramref name="collection"/> last written before
    /// <paramref name="writtenBefore"/>, in one atomic write (a document rewritten meanwhile is newer and stays), and
    /// returns how many went. Nothing is read back: the cost is the old rows, not the whole collection.
    /// </summary>
    Task<int> DeleteDocumentsWrittenBeforeAsync(string collection, DateTimeOffset writtenBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>Documents of a collection ordered by key, after <paramref name="afterKey"/>.</summary>
    Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string collection, string? afterKey, int maxCount, CancellationToken cancellationToken);
}
