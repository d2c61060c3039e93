namespace OrderActors.Runtime.Storage.Memory;

/// <summary>One grain's journal in the in-memory provider: all events (index = version − 1) and the latest snapshot.</summary>
internal sealed class MemoryJournal
{
    public List<StoredEvent> Events { get; } = [];

    public SnapshotRecord? Snapshot { get; set; }
}
