using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Api;

/// <summary>
/// A document store that forwards to a real one, except that a test can make the next write to a collection fail (what a
/// crash before that write leaves) and run its own steps just after the next listing of a collection that found nothing
/// (a moment between two steps of a caller, to put something else there).
/// </summary>
internal sealed class HookedDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private readonly Lock _lock = new();
    private string? _failNextPutOf;
    private int _putsToLetThrough;
    private string? _failNextDeleteOf;
    private (string Collection, Func<Task> Steps)? _afterEmptyList;

    /// <summary>Makes a write to <paramref name="collection"/> fail: the next one, or the one after <paramref name="after"/> more.</summary>
    public void FailNextPutOf(string collection, int after = 0)
    {
        lock (_lock)
        {
            (_failNextPutOf, _putsToLetThrough) = (collection, after);
        }
    }

    /// <summary>Makes the next delete in <paramref name="collection"/> fail (with a failed write: the process died there).</summary>
    public void FailNextDeleteOf(string collection)
    {
        lock (_lock)
        {
            _failNextDeleteOf = collection;
        }
    }

    public void AfterNextEmptyListOf(string collection, Func<Task> steps)
    {
        lock (_lock)
        {
            _afterEmptyList = (collection, steps);
        }
    }

    public Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken) =>
        inner.GetDocumentAsync(collection, key, cancellationToken);

    public Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_failNextPutOf == collection && _putsToLetThrough-- == 0)
            {
                _failNextPutOf = null;
                return Task.FromException<long?>(new StorageWriteException($"Injected by the test: the write to {collection} failed."));
            }
        }

        return inner.TryPutDocumentAsync(collection, key, data, expectedVersion, cancellationToken);
    }

    public Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_failNextDeleteOf == collection)
            {
                _failNextDeleteOf = null;
                return Task.FromException<bool>(new StorageWriteException($"Injected by the test: the delete in {collection} failed."));
            }
        }

        return inner.DeleteDocumentAsync(collection, key, cancellationToken);
    }

    public Task<int> DeleteDocumentsWrittenBeforeAsync(string collection, DateTimeOffset writtenBefore, int maxCount, CancellationToken cancellationToken) =>
        inner.DeleteDocumentsWrittenBeforeAsync(collection, writtenBefore, maxCount, cancellationToken);

    public async Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string collection, string? afterKey, int maxCount, CancellationToken cancellationToken)
    {
        var found = await inner.ListDocumentsAsync(collection, afterKey, maxCount, cancellationToken);
        Func<Task>? steps = null;
        lock (_lock)
        {
            if (found.Count == 0 && _afterEmptyList is { } armed && armed.Collection == collection)
            {
                (_afterEmptyList, steps) = (null, armed.Steps);
            }
        }

        if (steps is not null)
        {
            await steps();
        }

        return found;
    }
}
