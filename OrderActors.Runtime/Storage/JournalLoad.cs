namespace OrderActors.Runtime.Storage;

/// <summary>What activation reads: the latest snapshot (if any) and the events after it, oldest first.</summary>
public sealed record JournalLoad(SnapshotRecord? Snapshot, IReadOnlyList<StoredEvent> Events)
{
    /// <summary>The grain's version: the last event's, else the snapshot's, else 0.</summary>
    public long Version => Events.Count > 0 ? Events[^1].Version : Snapshot?.Version ?? 0;
}
