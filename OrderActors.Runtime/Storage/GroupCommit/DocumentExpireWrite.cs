namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>
/// Deletes up to <see cref="MaxCount"/> documents of a collection last written before <see cref="WrittenBefore"/>; the
/// result is how many went.
/// </summary>
internal sealed class DocumentExpireWrite(string collection, DateTimeOffset writtenBefore, int maxCount, CancellationToken cancellationToken)
    : WriteOperation<int>(cancellationToken)
{
    public string Collection { get; } = collection;

    public DateTimeOffset WrittenBefore { get; } = writtenBefore;

    public int MaxCount { get; } = maxCount;
}
