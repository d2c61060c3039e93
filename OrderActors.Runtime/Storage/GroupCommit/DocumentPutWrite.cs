namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>Writes a document if its version is still <see cref="ExpectedVersion"/>; the result is the new version or null.</summary>
internal sealed class DocumentPutWrite(string collection, string key, string data, long expectedVersion, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    : WriteOperation<long?>(cancellationToken)
{
    public string Collection { get; } = collection;

    public string Key { get; } = key;

    public string Data { get; } = data;

    public long ExpectedVersion { get; } = expectedVersion;

    public DateTimeOffset UpdatedAt { get; } = updatedAt;
}
