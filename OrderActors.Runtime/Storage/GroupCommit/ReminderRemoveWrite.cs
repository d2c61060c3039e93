namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>Removes a reminder, optionally only if it still has an ETag; the result says whether a row went.</summary>
internal sealed class ReminderRemoveWrite(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken)
    : WriteOperation<bool>(cancellationToken)
{
    public GrainId GrainId { get; } = grainId;

    public string Name { get; } = name;

    public string? ETag { get; } = eTag;
}
