namespace OrderActors.Runtime.Storage.Postgres;

// STUB: replaced by the real provider. Placeholder so the factory compiles while the provider is written.
#pragma warning disable CS9113, CA1822, IDE0060
/// <summary>Placeholder.</summary>
public sealed class PostgresStorageProvider(StorageOptions options, TimeProvider time, Microsoft.Extensions.Logging.ILogger<PostgresStorageProvider> logger) : IStorageProvider
#pragma warning restore CS9113, CA1822, IDE0060
{
    /// <inheritdoc />
    public string ProviderName => throw new NotImplementedException();

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<JournalLoad> LoadAsync(GrainId grainId, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grainId, long afterVersion, int maxCount, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<IndexedGrain>> QueryIndexAsync(IndexQuery query, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string? afterKey, int maxCount, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<Reminders.ReminderEntry?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<Reminders.ReminderEntry>> GetDueRemindersAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<Reminders.ReminderEntry>> GetGrainRemindersAsync(GrainId grainId, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<long> CountDueRemindersAsync(DateTimeOffset dueBy, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string collection, string? afterKey, int maxCount, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public StorageStatistics GetStatistics() => throw new NotImplementedException();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
