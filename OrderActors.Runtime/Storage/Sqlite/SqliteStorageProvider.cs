using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// The embedded provider: one SQLite file (default <c>./data/orderactors.db</c>) in WAL mode with
/// <c>synchronous=FULL</c>. One writer connection, owned by the group-commit loop, takes every write; reads use
/// separate pooled connections and never wait for the writer. One process per database file.
/// </summary>
public sealed partial class SqliteStorageProvider : IStorageProvider
{
    /// <summary>The database used when no connection string is configured.</summary>
    public const string DefaultConnectionString = "Data Source=./data/orderactors.db";

    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteStorageProvider> _logger;
    private readonly string _readerConnectionString;
    private readonly string _writerConnectionString;
    private readonly SqlStorageReads _reads;
    private readonly SqlitePreparedReads _prepared;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private SqlStorageCore? _core;
    private SqliteCheckpointer? _checkpointer;
    private SqliteIndexStore? _index;
    private SqliteWriteExecutor? _executor;
    private readonly string _indexWriterConnectionString;
    private readonly SqlStorageReads _indexReads;

    /// <summary>Creates the provider; <see cref="InitializeAsync"/> opens the database.</summary>
    public SqliteStorageProvider(StorageOptions options, TimeProvider time, ILogger<SqliteStorageProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(options.ConnectionString) ? DefaultConnectionString : options.ConnectionString);
        if (builder.Mode is SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new InvalidOperationException("The SQLite provider needs a database file (Data Source=path); use the memory provider for a database in memory.");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Pooling = true;
        _readerConnectionString = builder.ConnectionString;
        builder.Pooling = false;
        _writerConnectionString = builder.ConnectionString;
        DatabasePath = builder.DataSource;
        IndexPath = SqliteIndexStore.PathFor(DatabasePath);
        builder.DataSource = IndexPath;
        _indexWriterConnectionString = builder.ConnectionString;
        builder.Pooling = true;
        var indexReaderConnectionString = builder.ConnectionString;
        _reads = new SqlStorageReads(OpenReaderAsync, SqliteDialect.Instance);
        _indexReads = new SqlStorageReads(cancellationToken => OpenAsync(indexReaderConnectionString, cancellationToken), SqliteDialect.Instance);
        _prepared = new SqlitePreparedReads(_readerConnectionString, _reads.LoadSql, _reads.GetDocumentSql);
    }

    // Left to the writer (checkpointer off): a larger interval than SQLite's 1,000 pages, as a page rewritten by many commits
    // between two checkpoints is copied back only once. With the checkpointer on, the writer checkpoints only if the log
    // grows past 256 MB (the checkpointer failing or starved).
    private const int WriterCheckpointPages = 8192;
    private const int SafetyNetCheckpointPages = 65536;

    /// <summary>Background checkpoints run so far (0 when <see cref="StorageOptions.CheckpointInterval"/> is zero).</summary>
    public long Checkpoints => _checkpointer?.Checkpoints ?? 0;

    /// <summary>Runs a passive checkpoint now (as the background checkpointer does); false if it is off or already running.</summary>
    public Task<bool> CheckpointAsync() => _checkpointer?.CheckpointAsync() ?? Task.FromResult(false);

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The full path of the query index's file beside it (<c>orderactors.index.db</c>): part of the database, backed up with it.</summary>
    public string IndexPath { get; }

    /// <inheritdoc />
    public string ProviderName => "sqlite";

    /// <inheritdoc />
    /// <remarks>One writer thread applies queued appends in the order they came.</remarks>
    public bool AppendsInOrder => true;

    private SqlStorageCore Core => _core ?? throw new InvalidOperationException("Call InitializeAsync before writing to the SQLite storage provider.");

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

            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            Migrate();
            var background = _options.CheckpointInterval > TimeSpan.Zero;
            var index = new SqliteIndexStore(_indexWriterConnectionString, _options.IndexLinger, _logger, _options.RebuildIndex);
            SqliteWriteExecutor executor;
            try
            {
                executor = new SqliteWriteExecutor(_writerConnectionString, background ? SafetyNetCheckpointPages : WriterCheckpointPages, index);
            }
            catch
            {
                // The index file cannot be brought up to date (or is from another backup): nothing stays open.
                index.Dispose();
                throw;
            }

            _index = index;
            _executor = executor;
            _index.Start();
            var writer = new GroupCommitWriter(executor, _options, concurrentWritersAllowed: false, dedicatedThread: true, _logger);
            _core = new SqlStorageCore(ProviderName, writer, _reads, _time);
            _checkpointer = background ? new SqliteCheckpointer(_writerConnectionString, _options.CheckpointInterval, _time, _logger) : null;
            LogOpened(_logger, DatabasePath);
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<JournalLoad> LoadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        // Synchronous, as every Microsoft.Data.Sqlite command is underneath its async API (reads never wait for the writer in WAL).
        try
        {
            return Task.FromResult(_prepared.Load(grainId, cancellationToken));
        }
        catch (Exception ex)
        {
            return Task.FromException<JournalLoad>(ex);
        }
    }

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
    /// <remarks>Waits first until the index file has every change committed before the query (<see cref="SqliteIndexStore"/>).</remarks>
    public async Task<IReadOnlyList<IndexedGrain>> QueryIndexAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        if (_executor is { } executor)
        {
            await _index!.WaitAppliedAsync(executor.CommittedIndexSeq, cancellationToken).ConfigureAwait(false);
        }

        return await _indexReads.QueryIndexAsync(query, cancellationToken).ConfigureAwait(false);
    }

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
    public Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken)
    {
        // Synchronous like LoadAsync above: a webhook reads its delivery record before every delivery.
        try
        {
            return Task.FromResult(_prepared.GetDocument(collection, key, cancellationToken));
        }
        catch (Exception ex)
        {
            return Task.FromException<StoredDocument?>(ex);
        }
    }

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

    /// <summary>Commits what is queued, then closes the writer connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_checkpointer is { } checkpointer)
        {
            await checkpointer.DisposeAsync().ConfigureAwait(false);
        }

        if (_core is { } core)
        {
            await core.DisposeAsync().ConfigureAwait(false);
        }

        // After the main writer: it hands over its last changes as it finishes.
        _index?.Dispose();

        _prepared.Dispose();
        _initGate.Dispose();
    }

    private Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) => OpenAsync(_readerConnectionString, cancellationToken);

    private static async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private void Migrate()
    {
        using var connection = new SqliteConnection(_writerConnectionString);
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode=WAL;
                PRAGMA busy_timeout=10000;
                CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }

        foreach (var migration in SqliteMigrations.All)
        {
            // BEGIN IMMEDIATE takes the write lock first, so a second process starting at once waits and then sees the row.
            using var transaction = connection.BeginTransaction(deferred: false);
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = $v";
            check.Parameters.AddWithValue("$v", migration.Version);
            if ((long)check.ExecuteScalar()! > 0)
            {
                continue;
            }

            using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = migration.Sql + "; INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $at);";
            apply.Parameters.AddWithValue("$v", migration.Version);
            apply.Parameters.AddWithValue("$d", migration.Description);
            apply.Parameters.AddWithValue("$at", StorageTime.ToUnixMicroseconds(_time.GetUtcNow()));
            apply.ExecuteNonQuery();
            transaction.Commit();
            LogMigrated(_logger, migration.Version, migration.Description);
        }
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "SQLite storage open at {Path}")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "SQLite schema migrated to version {Version}: {Description}")]
    private static partial void LogMigrated(ILogger logger, int version, string description);
}
