namespace OrderActors.Runtime.Reminders;

/// <summary>The durable reminder table, indexed by due time. Writes go through the storage provider's group commit.</summary>
public interface IReminderTable
{
    /// <summary>Inserts or replaces the reminder (grain, name) and returns its new ETag.</summary>
    Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the reminder. With <paramref name="eTag"/>, only if it still has that ETag (a tick does not remove a reminder
    /// the grain moved meanwhile). True when a row was removed.
    /// </summary>
    Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a periodic reminder to its next due time if it still has <paramref name="eTag"/>; returns the new ETag, or
    /// <see langword="null"/> when it was changed or removed meanwhile.
    /// </summary>
    Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken);

    /// <summary>Reads one reminder, or <see langword="null"/>.</summary>
    Task<ReminderEntry?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>Reminders due at or before <paramref name="dueBy"/>, earliest first, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<ReminderEntry>> GetDueRemindersAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken);

    /// <summary>All reminders of a grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> GetGrainRemindersAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>How many reminders are due at or before <paramref name="dueBy"/> (the backlog).</summary>
    Task<long> CountDueRemindersAsync(DateTimeOffset dueBy, CancellationToken cancellationToken);
}
