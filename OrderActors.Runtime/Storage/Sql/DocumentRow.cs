namespace OrderActors.Runtime.Storage.Sql;

/// <summary>A documents row as Dapper reads it.</summary>
internal sealed class DocumentRow
{
    public required string Collection { get; init; }

    public required string Key { get; init; }

    public required string Data { get; init; }

    public long Version { get; init; }

    public long UpdatedMicros { get; init; }

    public StoredDocument ToDocument() => new(Collection, Key, Data, Version, StorageTime.FromUnixMicroseconds(UpdatedMicros));
}
