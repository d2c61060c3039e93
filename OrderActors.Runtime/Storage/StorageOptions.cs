namespace OrderActors.Runtime.Storage;

/// <summary>
/// Storage configuration, bound from <c>OrderActors:Storage</c>. Defaults: SQLite in <c>./data/orderactors.db</c>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "OrderActors:Storage";

    /// <summary><c>sqlite</c> (default), <c>postgres</c>, or <c>memory</c> (tests and benchmarks only: not durable).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Connection string. SQLite default: <c>Data Source=./data/orderactors.db</c>. PostgreSQL: an Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Group commit: the most writes one transaction takes.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// SQLite: how often a background connection copies the write-ahead log into the database file (a passive
    /// checkpoint that blocks nobody). <see cref="TimeSpan.Zero"/> leaves it to SQLite, inside the writer's commits.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// SQLite: how long the query index's own writer gathers changes before it commits them (each grain once, with its
    /// latest entries). A query never waits for it: it asks for the changes before it to be written at once.
    /// </summary>
    public TimeSpan IndexLinger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Write every indexed grain's query index again from its journal at start, before the silo takes calls (SQLite: the
    /// index file is emptied first). For an index file that was lost or belongs to another backup, which the silo
    /// otherwise refuses to start on. Set it for one start, then remove it.
    /// </summary>
    public bool RebuildIndex { get; set; }

    /// <summary>Group commit off: one transaction per write (for the benchmark baseline).</summary>
    public bool GroupCommit { get; set; } = true;
}
