namespace OrderActors.Runtime.Storage.Sql;

/// <summary>A snapshots row as Dapper reads it.</summary>
internal sealed class SnapshotRow
{
    public long Version { get; init; }

    public required string Data { get; init; }

    public long TsMicros { get; init; }

    public SnapshotRecord ToRecord() => new(Version, Data, StorageTime.FromUnixMicroseconds(TsMicros));
}
