namespace OrderActors.Runtime.Storage;

/// <summary>
/// The checks every provider makes on a request before it writes anything, so that a request one provider refuses is
/// refused by all (the in-memory one included: code that runs on it must not fail first on SQLite or PostgreSQL).
/// </summary>
internal static class StorageRequests
{
    /// <summary>Throws <see cref="ArgumentException"/> for an append no provider may store.</summary>
    public static void Validate(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.GrainId.Type, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.GrainId.Key, nameof(request));
        ArgumentOutOfRangeException.ThrowIfNegative(request.ExpectedVersion, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Events, nameof(request));
        var newVersion = request.ExpectedVersion + request.Events.Count;
        if (request.Snapshot is { } snapshot && snapshot.Version != newVersion)
        {
            throw new ArgumentException(
                $"The snapshot's version {snapshot.Version} must be the grain's version after the append ({newVersion}).", nameof(request));
        }

        foreach (var e in request.Events)
        {
            if (e is null || string.IsNullOrEmpty(e.EventType) || e.Data is null || e.Actor is null)
            {
                throw new ArgumentException("Every event needs a type, data and an actor.", nameof(request));
            }

            RejectNul(e.Data, "event data");
            RejectNul(e.Actor, "an event's actor");
        }

        if (request.Snapshot is { } s)
        {
            RejectNul(s.Data, "snapshot data");
        }

        if (request.Index is { } index)
        {
            // Checked here, not by the index's own constraints: SQLite writes the index after the append has committed
            // (SqliteIndexStore), where a refused entry could no longer fail its append.
            foreach (var entry in index)
            {
                if (entry is null || string.IsNullOrEmpty(entry.Name) || entry.Value is null)
                {
                    throw new ArgumentException("Every index entry needs a name and a value.", nameof(request));
                }

                RejectNul(entry.Name, "an index entry's name");
                RejectNul(entry.Value, "an index entry's value");
            }
        }

        if (request.Reminders is { Count: > 0 } reminders)
        {
            // One statement of PostgreSQL's append may not touch a row twice: one change per reminder name.
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var change in reminders)
            {
                if (change is null || !names.Add(change.Name))
                {
                    throw new ArgumentException("An append's reminder changes must not be null and name each reminder at most once.", nameof(request));
                }

                RejectNul(change.Name, "a reminder's name");
            }
        }
    }

    /// <summary>PostgreSQL text cannot hold U+0000; refused up front in every provider rather than failing a whole batch.</summary>
    public static void RejectNul(string value, string what)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what} contains a NUL character (U+0000), which storage does not accept.");
        }
    }
}
