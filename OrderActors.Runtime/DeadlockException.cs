namespace OrderActors.Runtime;

/// <summary>A call would re-enter a grain already waiting in the same call chain (A→B→A); it fails at once instead of hanging.</summary>
public sealed class DeadlockException : Exception
{
    /// <summary>Creates the exception for the given chain.</summary>
    public DeadlockException(IReadOnlyList<GrainId> callChain, GrainId target)
        : base($"Call cycle: {string.Join(" -> ", callChain)} -> {target}. Grains are non-reentrant, so this call would deadlock.")
    {
        CallChain = callChain;
        Target = target;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeadlockException(string message) : base(message)
    {
        CallChain = [];
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public DeadlockException(string message, Exception innerException) : base(message, innerException)
    {
        CallChain = [];
    }

    /// <summary>Creates the exception.</summary>
    public DeadlockException()
    {
        CallChain = [];
    }

    /// <summary>The grains in the chain, outermost first.</summary>
    public IReadOnlyList<GrainId> CallChain { get; }

    /// <summary>The grain the cycle would re-enter.</summary>
    public GrainId Target { get; }
}
