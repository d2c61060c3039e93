using OrderActors.Runtime.Reminders;

namespace OrderActors.Runtime.Storage;

/// <summary>
/// Append <see cref="Events"/> to a grain's journal if its stored version equals <see cref="ExpectedVersion"/>.
/// Everything in one request commits atomically: events, the optional snapshot, the optional index replacement and the
/// grain's reminder changes; a stale expected version writes none of them.
/// </summary>
public sealed record AppendRequest(GrainId GrainId, long ExpectedVersion, IReadOnlyList<EventRecord> Events)
{
    /// <summary>A snapshot to store with the append (its version is <c>ExpectedVersion + Events.Count</c>).</summary>
    public SnapshotRecord? Snapshot { get; init; }

    /// <summary>When not null, replaces all of the grain's index entries (an empty list deletes them).</summary>
    public IReadOnlyList<IndexEntry>? Index { get; init; }

    /// <summary>
    /// Changes to the grain's reminders, at most one per name, applied as the reminder table's own upserts (a new ETag)
    /// and removals (whatever the ETag) would be.
    /// </summary>
    public IReadOnlyList<ReminderChange>? Reminders { get; init; }
}
