using OrderActors.Runtime.Storage.GroupCommit;

namespace OrderActors.Runtime.Storage.Sql;

/// <summary>
/// What both SQL providers share once their database is open: writes through <see cref="GroupCommitWriter"/>,
/// reads through <see cref="SqlStorageReads"/>, request validation, ETags and statistics.
/// </summary>
internal sealed class SqlStorageCore(string providerName, GroupCommitWriter writer, SqlStorageReads reads, TimeProvider time) : IAsyncDisposable
{
    public SqlStorageReads Reads { get; } = reads;

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        return writer.WriteAsync(new AppendWrite(request, cancellationToken));
    }

    public Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder period must be positive.");
        }

        return writer.WriteAsync(new ReminderUpsertWrite(grainId, name, dueAt, period, NewETag(), cancellationToken));
    }

    public Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken) =>
        writer.WriteAsync(new ReminderRemoveWrite(grainId, name, eTag, cancellationToken));

    public Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eTag);
        return writer.WriteAsync(new ReminderAdvanceWrite(grainId, name, eTag, nextDueAt, NewETag(), cancellationToken));
    }

    public Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        RejectNul(data, "document data");
        return writer.WriteAsync(new DocumentPutWrite(collection, key, data, expectedVersion, time.GetUtcNow(), cancellationToken));
    }

    public Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken) =>
        writer.WriteAsync(new DocumentDeleteWrite(collection, key, cancellationToken));

    public StorageStatistics GetStatistics() => writer.GetStatistics(providerName);

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static void Validate(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.GrainId.Type, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.GrainId.Key, nameof(request));
        ArgumentOutOfRangeException.ThrowIfNegative(request.ExpectedVersion, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Events, nameof(request));
        var newVersion = request.ExpectedVersion + request.Events.Count;
        if (request.Snapshot is { } snapshot && snapshot.Version != newVersion)
        {
            throw new ArgumentException(
                $"The snapshot's version {snapshot.Version} must be the grain's version after the append ({newVersion}).", nameof(request));
        }

        foreach (var e in request.Events)
        {
            if (e is null || string.IsNullOrEmpty(e.EventType) || e.Data is null || e.Actor is null)
            {
                throw new ArgumentException("Every event needs a type, data and an actor.", nameof(request));
            }

            RejectNul(e.Data, "event data");
            RejectNul(e.Actor, "an event's actor");
        }

        if (request.Snapshot is { } s)
        {
            RejectNul(s.Data, "snapshot data");
        }

        if (request.Reminders is { Count: > 0 } reminders)
        {
            // One statement of PostgreSQL's append may not touch a row twice: one change per reminder name.
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var change in reminders)
            {
                if (change is null || !names.Add(change.Name))
                {
                    throw new ArgumentException("An append's reminder changes must not be null and name each reminder at most once.", nameof(request));
                }

                RejectNul(change.Name, "a reminder's name");
            }
        }
    }

    // PostgreSQL text cannot hold U+0000; refuse it up front in every provider rather than fail a whole batch.
    private static void RejectNul(string value, string what)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what} contains a NUL character (U+0000), which storage does not accept.");
        }
    }
}
