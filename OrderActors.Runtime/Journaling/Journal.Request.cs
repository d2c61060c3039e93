using System.Text.Json;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>What an append sends to storage besides its events: a snapshot when one is due, the index when it changed, the reminder changes.</summary>
internal sealed partial class Journal<TState>
{
    /// <summary>Builds the request for <paramref name="records"/>; the state is exactly the durable state plus them.</summary>
    private AppendRequest PrepareAppend(EventRecord[] records, IReadOnlyList<ReminderChange>? reminders = null)
    {
        var expected = _durableVersion;
        var newVersion = expected + records.Length;
        SnapshotRecord? snapshot = null;
        if (IsSnapshotDue(expected, newVersion, records))
        {
            snapshot = new SnapshotRecord(newVersion, JsonSerializer.Serialize(_state, JournalJson.Options), _time.GetUtcNow());
        }

        IReadOnlyList<IndexEntry>? index = null;
        if (_state is IIndexedState indexed)
        {
            var entries = indexed.GetIndexEntries();
            if (_lastIndex is null || !entries.SequenceEqual(_lastIndex))
            {
                index = entries;
            }
        }

        return new AppendRequest(_host.GrainId, expected, records) { Snapshot = snapshot, Index = index, Reminders = reminders };
    }

    /// <summary>
    /// Every <see cref="RuntimeOptions.SnapshotInterval"/> events; but a state whose last snapshot was larger than
    /// <see cref="LargeSnapshotChars"/> (a hot SKU with thousands of open holdings) waits until the events since it add
    /// up to <see cref="LargeSnapshotEventFactor"/> times its size: serialising the whole state every few dozen events
    /// would cost more than the events themselves, on the grain's serial path, and each snapshot of such a state holds
    /// up the calls queued behind it. Replay on activation then reads at most about four snapshots' worth of events.
    /// </summary>
    private bool IsSnapshotDue(long expected, long newVersion, EventRecord[] records)
    {
        var intervalReached = newVersion / _snapshotInterval > expected / _snapshotInterval
                              || _eventsSinceSnapshot + records.Length >= _snapshotInterval;
        if (!intervalReached)
        {
            return false;
        }

        return _snapshotChars <= LargeSnapshotChars || _charsSinceSnapshot + CountChars(records) >= LargeSnapshotEventFactor * (long)_snapshotChars;
    }

    private static long CountChars(IReadOnlyList<EventRecord> records)
    {
        long chars = 0;
        foreach (var record in records)
        {
            chars += record.Data.Length;
        }

        return chars;
    }
}
