using System.Collections.Concurrent;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Runtime.Core;

/// <summary>
/// Pipelined journal commits: a call whose method only waits for its events to be durable stops holding the mailbox,
/// and its caller is answered when they are. The journal's pending records are flushed by a system turn.
/// </summary>
internal sealed partial class Activation
{
    // Calls whose turn has ended for scheduling but whose answer waits for durability (timeouts and inspection see them).
    // Created on first use: only grains that pipeline need it, and an empty one costs ~0.5 KB per activation.
    private ConcurrentDictionary<WorkItem, byte>? _awaitingDurability;
    private IJournalLifecycle? _journal;
    private int _awaitingCount;

    public bool TryReleaseTurn()
    {
        // Only in the first synchronous part of a call, on the mailbox thread: the method's next step is its await.
        if (_starting is { IsCall: true } && _turnThread == Environment.CurrentManagedThreadId)
        {
            _releaseRequested = true;
            return true;
        }

        return false;
    }

    public void ScheduleFlush() => Enqueue(new JournalFlushItem());

    /// <summary>The flush turn: starts the append of every pending pipelined record of the journal.</summary>
    public Task FlushJournalAsync() => _journal?.FlushTurnAsync() ?? Task.CompletedTask;

    private void Answer(WorkItem item, Task turn)
    {
        if (item.IsCall)
        {
            // Before the caller is answered, so a caller that then moves the clock sees this call as the last activity.
            Volatile.Write(ref _lastActive, Runtime.Time.GetTimestamp());
            Interlocked.Increment(ref _calls);
            if (!turn.IsCompletedSuccessfully)
            {
                Interlocked.Increment(ref _failedCalls);
            }
        }

        try
        {
            item.Finish(this, turn);
        }
        catch (Exception ex)
        {
            // A completion must never take the mailbox (or the process) down.
            item.Fail(ex);
        }
    }

    /// <summary>
    /// Answers <paramref name="item"/> when its turn completes and, if given, when <paramref name="durability"/> does;
    /// a failed durability fails the call.
    /// </summary>
    private void AnswerWhenDurable(WorkItem item, Task turn, Task? durability)
    {
        var awaiting = LazyInitializer.EnsureInitialized(ref _awaitingDurability, static () => new ConcurrentDictionary<WorkItem, byte>(concurrencyLevel: 1, capacity: 8));
        awaiting.TryAdd(item, 0);
        Interlocked.Increment(ref _awaitingCount);
        var wait = durability ?? turn;
        wait.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() =>
        {
            awaiting.TryRemove(item, out _);
            Interlocked.Decrement(ref _awaitingCount);
            Answer(item, wait.IsCompletedSuccessfully ? turn : wait);
        });
    }
}
