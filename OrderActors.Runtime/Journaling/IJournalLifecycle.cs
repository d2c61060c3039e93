namespace OrderActors.Runtime.Journaling;

/// <summary>The runtime's side of a journal: load on activation, flush pipelined records at turn boundaries.</summary>
internal interface IJournalLifecycle
{
    /// <summary>Loads the latest snapshot and replays the events after it.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Completes when every record applied so far is durable (faults if they failed); null when none is pending.</summary>
    Task? PendingDurability { get; }

    /// <summary>Appends every pending pipelined record in one request; run only between turns. Never throws: the waiters get the failure.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
