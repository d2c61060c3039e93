namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>Inserts or replaces a reminder; the result is its new ETag.</summary>
internal sealed class ReminderUpsertWrite(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, string eTag, CancellationToken cancellationToken)
    : WriteOperation<string>(cancellationToken)
{
    public GrainId GrainId { get; } = grainId;

    public string Name { get; } = name;

    public DateTimeOffset DueAt { get; } = dueAt;

    public TimeSpan? Period { get; } = period;

    public string ETag { get; } = eTag;
}
