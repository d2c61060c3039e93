namespace OrderActors.Runtime.Journaling;

/// <summary>
/// The journaled state of one activation (the role of Orleans' <c>JournaledGrain</c> / <c>IPersistentState</c>).
/// Inject it into a grain's constructor; the runtime loads the latest snapshot and the events after it before
/// <see cref="Grain.OnActivateAsync"/>.
/// </summary>
/// <typeparam name="TState">The state; it applies events to itself and must round-trip through System.Text.Json.</typeparam>
public interface IJournal<TState>
    where TState : class, IJournaledState, new()
{
    /// <summary>The current state (all confirmed events applied).</summary>
    TState State { get; }

    /// <summary>The number of events confirmed so far (0 for a grain never written).</summary>
    long Version { get; }

    /// <summary>
    /// Applies <paramref name="events"/> to <see cref="State"/> and appends them with the expected version.
    /// Returns only when they are durable. On a version conflict throws <see cref="InconsistentStateException"/>,
    /// and the activation is dropped so the next call reloads. If the append fails, the state is rolled back.
    /// </summary>
    /// <param name="events">Event records, each type marked with <see cref="JournalEventAttribute"/>.</param>
    /// <param name="actor">Who caused them (user, API key, channel, <c>system</c>); stored beside each event.</param>
    /// <param name="cancellationToken">Cancels waiting; the append may still commit.</param>
    Task AppendAsync(IReadOnlyList<object> events, string actor, CancellationToken cancellationToken = default);

    /// <summary>Appends one event; see <see cref="AppendAsync(IReadOnlyList{object}, string, CancellationToken)"/>.</summary>
    Task AppendAsync(object @event, string actor, CancellationToken cancellationToken = default);

    /// <summary>Reads this grain's confirmed events after <paramref name="afterVersion"/>, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadHistoryAsync(long afterVersion, int maxCount, CancellationToken cancellationToken = default);
}
