namespace OrderActors.Runtime.Reminders;

/// <summary>
/// A change to one of a grain's durable reminders that commits inside a journal append, in the same transaction as the
/// events (see <see cref="Journaling.IJournal{TState}"/>): set (insert or move, with a new ETag, as
/// <see cref="Grain.RegisterOrUpdateReminderAsync(string, DateTimeOffset)"/> does) or remove (whatever its ETag, as
/// <see cref="Grain.UnregisterReminderAsync(string)"/> does; removing one that does not exist is not an error).
/// </summary>
public sealed record ReminderChange
{
    private ReminderChange(string name, DateTimeOffset? dueAt, TimeSpan? period)
    {
        Name = name;
        DueAt = dueAt;
        Period = period;
    }

    /// <summary>The reminder's name, unique per grain.</summary>
    public string Name { get; }

    /// <summary>When it is next due; <see langword="null"/> for a removal.</summary>
    public DateTimeOffset? DueAt { get; }

    /// <summary>The period of a periodic reminder; <see langword="null"/> for a one-shot reminder or a removal.</summary>
    public TimeSpan? Period { get; }

    /// <summary>True when this change removes the reminder.</summary>
    public bool IsRemoval => DueAt is null;

    /// <summary>Registers or moves the reminder <paramref name="name"/>; <paramref name="period"/> <see langword="null"/> makes it one-shot.</summary>
    public static ReminderChange Set(string name, DateTimeOffset dueAt, TimeSpan? period = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder period must be positive (or null for a one-shot reminder).");
        }

        return new ReminderChange(name, dueAt, period);
    }

    /// <summary>Removes the reminder <paramref name="name"/>.</summary>
    public static ReminderChange Remove(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ReminderChange(name, null, null);
    }
}
