namespace OrderActors.Runtime.Storage.Sql;

/// <summary>A documents row as Dapper reads it.</summary>
internal sealed class DocumentRow
{
    public required string Collection { get; init; }

    public required string Key { get; init; }

    public required string Data { get; init; }

    public long Version { get; init; }

    public long UpdatedMicros { get; init; }

    public StoredDocument ToDocument() => ToDocument(Collection, Key, Data, Version, UpdatedMicros);

    /// <summary>A document from its columns as <see cref="SqlStorageReads.GetDocumentSql"/> selects them (also SQLite's prepared read).</summary>
    public static StoredDocument ToDocument(string collection, string key, string data, long version, long updatedMicros) =>
        new(collection, key, data, version, StorageTime.FromUnixMicroseconds(updatedMicros));
}
