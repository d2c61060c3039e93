using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// State that publishes query index entries (status, channel, times…). After each append the journal asks for
/// them and, when they changed, writes them in the same transaction as the events, replacing the grain's previous set.
/// </summary>
public interface IIndexedState
{
    /// <summary>The grain's current index entries. Names are unique per grain.</summary>
    IReadOnlyList<IndexEntry> GetIndexEntries();
}
