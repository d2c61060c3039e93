namespace OrderActors.Runtime.Storage.Sql;

/// <summary>
/// Builds an activation load from the rows of <see cref="SqlStorageReads.LoadSql"/> in their order: the snapshot row
/// (kind 0), then the events after it (kind 1). Both the Dapper read and SQLite's prepared read hand their rows here.
/// </summary>
internal sealed class JournalLoadRows(GrainId grainId)
{
    private readonly List<StoredEvent> _events = [];
    private SnapshotRecord? _snapshot;

    public void Add(long kind, long position, long version, string eventType, string data, string actor, long tsMicros)
    {
        var ts = StorageTime.FromUnixMicroseconds(tsMicros);
        if (kind == 0)
        {
            _snapshot = new SnapshotRecord(version, data, ts);
        }
        else
        {
            _events.Add(new StoredEvent(grainId, version, eventType, data, actor, ts, position));
        }
    }

    public JournalLoad ToLoad() => new(_snapshot, _events);
}
