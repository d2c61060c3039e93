namespace OrderActors.Runtime;

/// <summary>
/// An append's expected version was stale: someone else wrote the grain's journal. The activation that
/// tried is dropped, and the next call reloads from storage. Retrying the call is safe (<see cref="IsTransient"/>).
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception for <paramref name="grainId"/>.</summary>
    public InconsistentStateException(GrainId grainId, long expectedVersion, long actualVersion)
        : base($"Grain {grainId}: expected version {expectedVersion} but storage has {actualVersion}. The activation was dropped; retry the call.")
    {
        GrainId = grainId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>The grain whose append failed.</summary>
    public GrainId GrainId { get; }

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version storage had.</summary>
    public long ActualVersion { get; }

    /// <summary>Always true: the caller may retry.</summary>
    public bool IsTransient => true;
}
