namespace OrderActors.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>It was idle longer than the collection age.</summary>
    IdleCollection,

    /// <summary>The grain asked for it with <c>DeactivateOnIdle</c>.</summary>
    Requested,

    /// <summary>Its persisted state was changed by someone else (stale version); the next call reloads.</summary>
    InconsistentState,

    /// <summary>Activation or a call failed in a way that leaves the in-memory state untrustworthy.</summary>
    Failed,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,
}
