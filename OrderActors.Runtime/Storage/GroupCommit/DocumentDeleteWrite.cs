namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>Deletes a document; the result says whether it existed.</summary>
internal sealed class DocumentDeleteWrite(string collection, string key, CancellationToken cancellationToken)
    : WriteOperation<bool>(cancellationToken)
{
    public string Collection { get; } = collection;

    public string Key { get; } = key;
}
