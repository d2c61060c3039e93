using OrderActors.Runtime.Reminders;

namespace OrderActors.Runtime.Journaling;

/// <summary>Reminder changes that travel inside an append (see <see cref="IJournal{TState}"/>).</summary>
internal sealed partial class Journal<TState>
{
    /// <summary>The changes with one per reminder name (the last one given), as storage needs them.</summary>
    private static IReadOnlyList<ReminderChange> OnePerName(IReadOnlyList<ReminderChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var unique = true;
        for (var i = 0; i < changes.Count && unique; i++)
        {
            ArgumentNullException.ThrowIfNull(changes[i], nameof(changes));
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(changes[i].Name, changes[j].Name, StringComparison.Ordinal))
                {
                    unique = false;
                    break;
                }
            }
        }

        if (unique)
        {
            return changes;
        }

        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(changes[i], nameof(changes));
            last[changes[i].Name] = i;
        }

        return [.. changes.Where((c, i) => last[c.Name] == i)];
    }
}
