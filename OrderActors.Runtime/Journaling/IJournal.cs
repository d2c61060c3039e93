using OrderActors.Runtime.Reminders;

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
    /// <exception cref="InvalidOperationException">
    /// The state cannot be trusted: an event was rejected by <see cref="IJournaledState.Apply"/> in
    /// <see cref="AppendPipelinedAsync"/>, or a failed append could not be followed by a reload. The activation is
    /// dropped after the current turn and the next call loads the state from storage.
    /// </exception>
    TState State { get; }

    /// <summary>
    /// The number of events applied to <see cref="State"/> so far (0 for a grain never written); it includes pipelined
    /// events that are not durable yet.
    /// </summary>
    long Version { get; }

    /// <summary>
    /// Applies <paramref name="events"/> to <see cref="State"/> and appends them with the expected version.
    /// Returns only when they are durable. On a version conflict throws <see cref="InconsistentStateException"/>,
    /// and the activation is dropped so the next call reloads. If the append fails, the state is reloaded from storage
    /// before the exception reaches the caller (it has the failed events only if they did commit after all). If the
    /// state rejects an event, nothing is stored and the state is reloaded too (with other calls' pending events).
    /// </summary>
    /// <param name="events">Event records, each type marked with <see cref="JournalEventAttribute"/>.</param>
    /// <param name="actor">Who caused them (user, API key, channel, <c>system</c>); stored beside each event.</param>
    /// <param name="cancellationToken">Cancels waiting; the append may still commit.</param>
    Task AppendAsync(IReadOnlyList<object> events, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="AppendAsync(IReadOnlyList{object}, string, CancellationToken)"/>, and the grain's reminder changes
    /// commit with the events, in the same transaction (with the snapshot and the index): a crash keeps both or neither,
    /// and the caller waits for one commit instead of one for the events and one for the reminders. A stale version
    /// changes no reminder. <paramref name="reminders"/> is called once, after the events were applied (with the new
    /// <see cref="State"/>, so deadlines can follow from it) and before anything is sent; an exception from it is handled
    /// as a rejected event (nothing stored, the state reloaded). It may return an empty list; of two changes to one name
    /// the last counts. With no events and no reminder changes nothing is written; with reminder changes only, an append
    /// of no events carries them (still checked against the expected version).
    /// After the commit the reminder service knows what <c>RegisterOrUpdateReminderAsync</c>/<c>UnregisterReminderAsync</c>
    /// would have told it. Reminders set here carry new ETags and are delivered like any other.
    /// </summary>
    /// <param name="events">Event records, each type marked with <see cref="JournalEventAttribute"/>.</param>
    /// <param name="actor">Who caused them; stored beside each event.</param>
    /// <param name="reminders">The reminder changes that follow from the state after the events.</param>
    /// <param name="cancellationToken">Cancels waiting; the append may still commit.</param>
    Task AppendAsync(IReadOnlyList<object> events, string actor, Func<TState, IReadOnlyList<ReminderChange>> reminders, CancellationToken cancellationToken = default);

    /// <summary>Appends one event; see <see cref="AppendAsync(IReadOnlyList{object}, string, CancellationToken)"/>.</summary>
    Task AppendAsync(object @event, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="events"/> to <see cref="State"/> at once and lets the activation start its next turn
    /// before they are durable; the returned task completes when they are durable. Records of the calls that run
    /// meanwhile are appended together in one request (at most one append per activation is in flight), so one grain
    /// can commit many calls per storage round trip.
    /// <para>
    /// Contract: call it in the first synchronous part of a call (before the method's first <c>await</c>) and then
    /// await nothing but the returned task; compute the answer from <see cref="State"/> before awaiting it. Code after
    /// the await must not read or change state or call other grains: other turns may be running. Called elsewhere it
    /// behaves like <see cref="AppendAsync(IReadOnlyList{object}, string, CancellationToken)"/> (keeps the turn).
    /// </para>
    /// <para>
    /// Other calls see the applied events at once; a call that ends while events are pending is answered only when they
    /// are durable. If the append fails, nothing pending is acknowledged: every waiting task fails with the error
    /// (<see cref="InconsistentStateException"/> on a version conflict), the state is reloaded from storage, and the
    /// activation is dropped so the next call reloads.
    /// </para>
    /// <para>
    /// If the state rejects one of <paramref name="events"/>, the exception is thrown here, nothing of it is stored,
    /// and <see cref="State"/> throws for the rest of the turn: the activation is dropped after it, and its last flush
    /// reloads the durable state and commits the events other calls had pending.
    /// </para>
    /// </summary>
    /// <param name="events">Event records, each type marked with <see cref="JournalEventAttribute"/>.</param>
    /// <param name="actor">Who caused them; stored beside each event.</param>
    /// <param name="cancellationToken">Cancels an inline commit's wait; a pipelined flush is not canceled.</param>
    /// <returns>A task that completes when the events are durable.</returns>
    Task AppendPipelinedAsync(IReadOnlyList<object> events, string actor, CancellationToken cancellationToken = default);

    /// <summary>Reads this grain's confirmed events after <paramref name="afterVersion"/>, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadHistoryAsync(long afterVersion, int maxCount, CancellationToken cancellationToken = default);
}
