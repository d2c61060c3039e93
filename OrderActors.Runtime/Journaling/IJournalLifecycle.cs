namespace OrderActors.Runtime.Journaling;

/// <summary>The runtime's side of a journal: load on activation.</summary>
internal interface IJournalLifecycle
{
    /// <summary>Loads the latest snapshot and replays the events after it.</summary>
    Task LoadAsync(CancellationToken cancellationToken);
}
