namespace OrderActors.Runtime.Core;

/// <summary>
/// Wait cycles between concurrent turns. The call chain catches A→B→A within one chain; it cannot see two requests
/// whose turns wait on each other: A's turn calls B while B's turn (another request) calls A. Each call queued behind
/// the other's turn and both waited for the call timeout (30 s). Each running turn records the call it last sent; a
/// grain-to-grain call first follows those records from its target, and if they lead back to its sender, one call of
/// the cycle that has not begun is refused at once with <see cref="WaitCycleException"/> and the other turns go on.
/// </summary>
internal sealed partial class Activation
{
    private const int MaxWaitCycleLength = 32;

    // The call the running turn last sent (null between turns). A turn that sends several calls at once records only the
    // last: a cycle through another one is not seen and still ends at the call timeout, never a false refusal.
    private WorkItem? _waitingOn;

    /// <summary>
    /// Records that this activation's running turn sends <paramref name="call"/> to <paramref name="target"/>. If the call
    /// closes a wait cycle, the cycle (sender first) when <paramref name="call"/> itself is the one to refuse; null when
    /// there is no cycle or another call of it was refused.
    /// </summary>
    public IReadOnlyList<GrainId>? WaitCycleOf(WorkItem call, Activation target)
    {
        call.Recipient = target;

        // A full fence between recording this edge and reading the others': of two turns closing one cycle at the same
        // moment, at least one sees the other's edge. Both may; both then choose the same victim, so one call fails.
        Interlocked.Exchange(ref _waitingOn, call);
        var node = target;
        List<(Activation Sender, WorkItem Call)>? edges = null;
        for (var hop = 0; hop < MaxWaitCycleLength; hop++)
        {
            // A call that has begun holds up its recipient only while it is that recipient's running turn (not once it
            // waits for durability); one not yet begun is queued behind whatever the recipient is running.
            var waiting = Volatile.Read(ref node._waitingOn);
            if (waiting is null || waiting.IsAnswered || waiting.Recipient is not { } next
                || (waiting.Started && !ReferenceEquals(Volatile.Read(ref next._current), waiting)))
            {
                return null;
            }

            (edges ??= [(this, call)]).Add((node, waiting));
            if (next == this)
            {
                return Refuse(edges);
            }

            node = next;
        }

        return null;
    }

    /// <summary>
    /// Refuses the queued call of the cycle whose sender has the smallest id: every turn that sees the cycle picks the
    /// same one. A call that has begun is never refused (its caller would hear "failed" while it runs); in a cycle of
    /// separate requests at least one call is still queued.
    /// </summary>
    private IReadOnlyList<GrainId>? Refuse(List<(Activation Sender, WorkItem Call)> edges)
    {
        var cycle = edges.Select(e => e.Sender.GrainId).ToList();
        var victim = edges.Where(e => !e.Call.Started).MinBy(e => e.Sender.GrainId.ToString(), StringComparer.Ordinal);
        if (victim.Call is null)
        {
            return null;
        }

        if (ReferenceEquals(victim.Call, edges[0].Call))
        {
            return cycle;
        }

        var rotated = cycle.IndexOf(victim.Sender.GrainId);
        victim.Call.TryRefuseQueued(new WaitCycleException([.. cycle[rotated..], .. cycle[..rotated]]));
        return null;
    }
}
