using OrderActors.Runtime.Storage.GroupCommit;

namespace OrderActors.Runtime.Storage.Sql;

/// <summary>
/// What both SQL providers share once their database is open: writes through <see cref="GroupCommitWriter"/>,
/// reads through <see cref="SqlStorageReads"/>, ETags and statistics (requests are checked by <see cref="StorageRequests"/>).
/// </summary>
internal sealed class SqlStorageCore(string providerName, GroupCommitWriter writer, SqlStorageReads reads, TimeProvider time) : IAsyncDisposable
{
    public SqlStorageReads Reads { get; } = reads;

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        StorageRequests.Validate(request);
        return writer.WriteAsync(new AppendWrite(request, cancellationToken));
    }

    public Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder period must be positive.");
        }

        return writer.WriteAsync(new ReminderUpsertWrite(grainId, name, dueAt, period, ETags.New(), cancellationToken));
    }

    public Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken) =>
        writer.WriteAsync(new ReminderRemoveWrite(grainId, name, eTag, cancellationToken));

    public Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eTag);
        return writer.WriteAsync(new ReminderAdvanceWrite(grainId, name, eTag, nextDueAt, ETags.New(), cancellationToken));
    }

    public Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        StorageRequests.RejectNul(data, "document data");
        return writer.WriteAsync(new DocumentPutWrite(collection, key, data, expectedVersion, time.GetUtcNow(), cancellationToken));
    }

    public Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken) =>
        writer.WriteAsync(new DocumentDeleteWrite(collection, key, cancellationToken));

    public Task<int> DeleteDocumentsWrittenBeforeAsync(string collection, DateTimeOffset writtenBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return writer.WriteAsync(new DocumentExpireWrite(collection, writtenBefore, maxCount, cancellationToken));
    }

    public StorageStatistics GetStatistics() => writer.GetStatistics(providerName);

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
