namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>Moves a reminder to its next due time if it still has <see cref="ETag"/>; the result is the new ETag or null.</summary>
internal sealed class ReminderAdvanceWrite(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, string newETag, CancellationToken cancellationToken)
    : WriteOperation<string?>(cancellationToken)
{
    public GrainId GrainId { get; } = grainId;

    public string Name { get; } = name;

    public string ETag { get; } = eTag;

    public DateTimeOffset NextDueAt { get; } = nextDueAt;

    public string NewETag { get; } = newETag;
}
