namespace OrderActors.Runtime.Core;

/// <summary>An immutable list of the grains waiting in one call chain, innermost first.</summary>
internal sealed class CallChain(GrainId grainId, CallChain? parent, Activation? owner = null)
{
    public GrainId GrainId { get; } = grainId;

    /// <summary>The activation whose turn runs with this chain (the sender of the calls it makes).</summary>
    public Activation? Owner { get; } = owner;

    public CallChain? Parent { get; } = parent;

    public bool Contains(GrainId target)
    {
        for (var link = this; link is not null; link = link.Parent)
        {
            if (link.GrainId == target)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chain outermost first.</summary>
    public IReadOnlyList<GrainId> ToList()
    {
        var list = new List<GrainId>();
        for (var link = this; link is not null; link = link.Parent)
        {
            list.Add(link.GrainId);
        }

        list.Reverse();
        return list;
    }
}
