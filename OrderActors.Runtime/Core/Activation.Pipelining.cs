using System.Collections.Concurrent;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Runtime.Core;

/// <summary>
/// Pipelined journal commits: a call whose method only waits for its events to be durable stops holding the mailbox,
/// and its caller is answered when they are. The journal's pending records are flushed by a system turn.
/// </summary>
internal sealed partial class Activation
{
    // Calls whose turn has ended for scheduling but whose answer waits for durability, for the timeout sweep. Only the
    // mailbox adds to it and answered calls are not taken out one by one: at tens of thousands of pipelined calls a
    // second, a set with a removal per answer had every answering thread and the mailbox contending for its lock. The
    // mailbox drops the answered ones once the queue holds twice what is still waiting. Created on first use: only
    // grains that pipeline need it.
    private ConcurrentQueue<WorkItem>? _awaitingDurability;
    private int _awaitingQueued;
    private int _compactAwaitingAt = MinCompactAwaiting;
    private IJournalLifecycle? _journal;
    private int _awaitingCount;

    private const int MinCompactAwaiting = 64;

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
        var awaiting = _awaitingDurability;
        if (awaiting is null)
        {
            Volatile.Write(ref _awaitingDurability, awaiting = new ConcurrentQueue<WorkItem>());
        }
        else if (_awaitingQueued >= _compactAwaitingAt)
        {
            DropAnswered(awaiting);
        }

        awaiting.Enqueue(item);
        _awaitingQueued++;
        Interlocked.Increment(ref _awaitingCount);
        var wait = durability ?? turn;
        wait.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() =>
        {
            Interlocked.Decrement(ref _awaitingCount);
            Answer(item, wait.IsCompletedSuccessfully ? turn : wait);
        });
    }

    /// <summary>On the mailbox: keeps only the calls not answered yet (a sweep running meanwhile may miss one once).</summary>
    private void DropAnswered(ConcurrentQueue<WorkItem> awaiting)
    {
        var kept = 0;
        for (var n = _awaitingQueued; n > 0 && awaiting.TryDequeue(out var queued); n--)
        {
            if (!queued.IsAnswered)
            {
                awaiting.Enqueue(queued);
                kept++;
            }
        }

        _awaitingQueued = kept;
        _compactAwaitingAt = Math.Max(MinCompactAwaiting, 2 * kept);
    }
}
