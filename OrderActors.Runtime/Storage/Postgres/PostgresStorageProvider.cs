using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// The production and cluster provider. Writes are group-committed: each batch is one transaction sent as one
/// <see cref="NpgsqlBatch"/>. Reads use pooled connections. The schema is created or migrated at start under an
/// advisory lock, so several silos may start at once.
/// </summary>
public sealed partial class PostgresStorageProvider : IStorageProvider
{
    private const long MigrationLock = 7036884019120340002;

    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresStorageProvider> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _writerDataSource;
    private readonly SqlStorageReads _reads;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private SqlStorageCore? _core;

    /// <summary>Creates the provider; <see cref="InitializeAsync"/> migrates the schema and starts the writer.</summary>
    public PostgresStorageProvider(StorageOptions options, TimeProvider time, ILogger<PostgresStorageProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException($"The PostgreSQL provider needs {StorageOptions.SectionName}:ConnectionString (an Npgsql connection string).");
        }

        _options = options;
        _time = time;
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // The group-commit statements are few and fixed: prepared once per connection, they skip parsing and planning.
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        // The provider sets no session state (its one session lock, the migration's, is released explicitly), so the
        // reset Npgsql runs on every return to the pool (seven statements: RESET ALL, DISCARD ..., 47,000 times in a
        // 20,000-order run, about two pooled uses per order) was work for nothing: ~6% of the server's CPU.
        builder.NoResetOnClose = true;

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);

        // The writer's connections plan with index lookups only. Its one append statement is prepared and its generic
        // plan cached on the connection, planned once, often while the tables are still nearly empty: then a
        // sequential scan and a hash join look cheapest, and the plan keeps scanning the whole reminders table on every
        // commit as it grows (seen: 14,000 rows read to delete 12). Every table access of the write statements is by
        // its key, so nothing is lost; the reads keep the planner's full choice.
        builder.Options = $"{builder.Options} -c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off".Trim();
        _writerDataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _reads = new SqlStorageReads(OpenReaderAsync, PostgresDialect.Instance);
    }

    /// <inheritdoc />
    public string ProviderName => "postgres";

    /// <inheritdoc />
    /// <remarks>One writer loop applies queued appends in order; with group commit off each caller writes directly, concurrently.</remarks>
    public bool AppendsInOrder => _options.GroupCommit;

    private SqlStorageCore Core => _core ?? throw new InvalidOperationException("Call InitializeAsync before writing to the PostgreSQL storage provider.");

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_core is not null)
            {
                return;
            }

            await MigrateAsync(cancellationToken).ConfigureAwait(false);
            var writer = new GroupCommitWriter(new PostgresWriteExecutor(_writerDataSource), _options, concurrentWritersAllowed: true, dedicatedThread: false, _logger);
            _core = new SqlStorageCore(ProviderName, writer, _reads, _time);
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<JournalLoad> LoadAsync(GrainId grainId, CancellationToken cancellationToken) => _reads.LoadAsync(grainId, cancellationToken);

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken) => Core.AppendAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grainId, long afterVersion, int maxCount, CancellationToken cancellationToken) =>
        _reads.ReadEventsAsync(grainId, afterVersion, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        _reads.ReadFeedAsync(afterPosition, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, IReadOnlyCollection<string> eventTypes, CancellationToken cancellationToken) =>
        _reads.ReadFeedAsync(afterPosition, maxCount, eventTypes, cancellationToken);

    /// <inheritdoc />
    public Task<long> GetFeedHeadAsync(CancellationToken cancellationToken) => _reads.GetFeedHeadAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IndexedGrain>> QueryIndexAsync(IndexQuery query, CancellationToken cancellationToken) => _reads.QueryIndexAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string? afterKey, int maxCount, CancellationToken cancellationToken) =>
        _reads.ListGrainKeysAsync(grainType, afterKey, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken) =>
        Core.UpsertReminderAsync(grainId, name, dueAt, period, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken) =>
        Core.RemoveReminderAsync(grainId, name, eTag, cancellationToken);

    /// <inheritdoc />
    public Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken) =>
        Core.AdvanceReminderAsync(grainId, name, eTag, nextDueAt, cancellationToken);

    /// <inheritdoc />
    public Task<ReminderEntry?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken) => _reads.GetReminderAsync(grainId, name, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> GetDueRemindersAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken) =>
        _reads.GetDueRemindersAsync(dueBy, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> GetGrainRemindersAsync(GrainId grainId, CancellationToken cancellationToken) =>
        _reads.GetGrainRemindersAsync(grainId, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountDueRemindersAsync(DateTimeOffset dueBy, CancellationToken cancellationToken) => _reads.CountDueRemindersAsync(dueBy, cancellationToken);

    /// <inheritdoc />
    public Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken) => _reads.GetDocumentAsync(collection, key, cancellationToken);

    /// <inheritdoc />
    public Task<long?> TryPutDocumentAsync(string collection, string key, string data, long expectedVersion, CancellationToken cancellationToken) =>
        Core.TryPutDocumentAsync(collection, key, data, expectedVersion, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken cancellationToken) => Core.DeleteDocumentAsync(collection, key, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteDocumentsWrittenBeforeAsync(string collection, DateTimeOffset writtenBefore, int maxCount, CancellationToken cancellationToken) =>
        Core.DeleteDocumentsWrittenBeforeAsync(collection, writtenBefore, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string collection, string? afterKey, int maxCount, CancellationToken cancellationToken) =>
        _reads.ListDocumentsAsync(collection, afterKey, maxCount, cancellationToken);

    /// <inheritdoc />
    public StorageStatistics GetStatistics() =>
        _core?.GetStatistics() ?? new StorageStatistics(ProviderName, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Commits what is queued, then closes the connection pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_core is { } core)
        {
            await core.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _writerDataSource.DisposeAsync().ConfigureAwait(false);
        _initGate.Dispose();
    }

    private async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
            try
            {
                await ExecuteAsync(
                    connection,
                    null,
                    "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)",
                    cancellationToken).ConfigureAwait(false);
                foreach (var migration in PostgresMigrations.All)
                {
                    await using var check = new NpgsqlCommand("SELECT count(*) FROM schema_version WHERE version = $1", connection);
                    check.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                    if ((long)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
                    {
                        continue;
                    }

                    var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                        await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)", connection, transaction);
                        record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                        record.Parameters.Add(new NpgsqlParameter { Value = migration.Description });
                        record.Parameters.Add(new NpgsqlParameter { Value = StorageTime.Truncate(_time.GetUtcNow()) });
                        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    LogMigrated(_logger, migration.Version, migration.Description);
                }
            }
            finally
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "PostgreSQL schema migrated to version {Version}: {Description}")]
    private static partial void LogMigrated(ILogger logger, int version, string description);
}
