namespace OrderActors.Runtime.Journaling;

/// <summary>What a journal needs from the activation that owns it.</summary>
internal interface IJournalHost
{
    /// <summary>The grain whose journal it is.</summary>
    GrainId GrainId { get; }

    /// <summary>Drops the activation after the current turn: its state can no longer be trusted.</summary>
    void Invalidate(DeactivationReason reason);

    /// <summary>
    /// Asks to end the running call's turn for scheduling as soon as its method yields, while its answer waits for the
    /// method's Task. True only while the first synchronous part of a call's turn runs on the mailbox thread; false
    /// otherwise (the journal then commits inline, keeping the turn).
    /// </summary>
    bool TryReleaseTurn();

    /// <summary>Queues a flush of the journal's pending records as a system turn of the activation.</summary>
    void ScheduleFlush();

    /// <summary>
    /// Reminder changes were written with an append (committed, or with an unknown outcome): tells the reminder service
    /// what a registration or removal of its own would have told it.
    /// </summary>
    void RemindersChanged(IReadOnlyList<Reminders.ReminderChange> changes);
}
