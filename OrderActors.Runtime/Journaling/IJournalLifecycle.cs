namespace OrderActors.Runtime.Journaling;

/// <summary>The runtime's side of a journal: load on activation, flush pipelined records at turn boundaries.</summary>
internal interface IJournalLifecycle
{
    /// <summary>Loads the latest snapshot and replays the events after it.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Completes when every record applied so far is durable (faults if they failed); null when none is pending.</summary>
    Task? PendingDurability { get; }

    /// <summary>
    /// The flush turn: starts appending every pending pipelined record in one request and returns without waiting for
    /// it, so the next turns run while storage commits (at most two appends in flight, one unless storage applies them
    /// in order; a flush beyond that is queued again for when one ends). Never throws: the waiters get the failure.
    /// </summary>
    Task FlushTurnAsync();

    /// <summary>Waits for the append in flight and appends every pending pipelined record; run only between turns (deactivation). Never throws: the waiters get the failure.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
