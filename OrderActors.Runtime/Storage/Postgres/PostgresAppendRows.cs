using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// The index entries and reminder changes of appends as columns, each row beside its append's ordinal (<c>W</c>):
/// what both append statements send for those parts.
/// </summary>
internal sealed class PostgresAppendRows
{
    public (List<int> W, List<string> Name, List<string> Value) Index { get; } = ([], [], []);

    public (List<int> W, List<string> Name, List<DateTime> Due, List<long?> Period, List<string> ETag) Set { get; } = ([], [], [], [], []);

    public (List<int> W, List<string> Name) Removed { get; } = ([], []);

    /// <summary>Adds append <paramref name="w"/>'s index (one value per name, the last wins, as a primary key on (grain, name) needs) and reminder changes.</summary>
    public void Add(int w, AppendWrite write)
    {
        var request = write.Request;
        if (request.Index is { Count: > 0 } entries)
        {
            var values = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                values[entry.Name] = entry.Value;
            }

            foreach (var (name, value) in values)
            {
                Index.W.Add(w);
                Index.Name.Add(name);
                Index.Value.Add(value);
            }
        }

        var changes = request.Reminders ?? [];
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].DueAt is { } dueAt)
            {
                Set.W.Add(w);
                Set.Name.Add(changes[i].Name);
                Set.Due.Add(StorageTime.Truncate(dueAt).UtcDateTime);
                Set.Period.Add(StorageTime.ToMicroseconds(changes[i].Period));
                Set.ETag.Add(write.ReminderETags[i]!);
            }
            else
            {
                Removed.W.Add(w);
                Removed.Name.Add(changes[i].Name);
            }
        }
    }
}
