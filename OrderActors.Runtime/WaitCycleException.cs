namespace OrderActors.Runtime;

/// <summary>
/// A grain-to-grain call would wait for ever: its target's running turn waits (through other grains, perhaps) for the
/// turn that sent it. Not one call chain (that is <see cref="DeadlockException"/>) but concurrent requests, such as two
/// merges that cross. The call fails at once, before it runs, instead of every call in the cycle waiting for the call
/// timeout; the other request goes on. Retrying after it may succeed.
/// </summary>
public sealed class WaitCycleException : Exception
{
    /// <summary>Creates the exception for the given cycle, the sender first.</summary>
    public WaitCycleException(IReadOnlyList<GrainId> cycle)
        : base($"Wait cycle: {string.Join(" -> ", cycle)} -> {cycle[0]}. A concurrent call holds the target, and it waits for the sender.")
    {
        Cycle = cycle;
    }

    /// <summary>Creates the exception with a message.</summary>
    public WaitCycleException(string message) : base(message)
    {
        Cycle = [];
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public WaitCycleException(string message, Exception innerException) : base(message, innerException)
    {
        Cycle = [];
    }

    /// <summary>Creates the exception.</summary>
    public WaitCycleException()
    {
        Cycle = [];
    }

    /// <summary>The grains that wait on one another, the sender of the failed call first.</summary>
    public IReadOnlyList<GrainId> Cycle { get; }
}
