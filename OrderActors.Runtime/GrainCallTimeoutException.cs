namespace OrderActors.Runtime;

/// <summary>A grain call did not complete within the call timeout (default 30 s). The grain may still finish the work.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException(GrainId target, string method, TimeSpan timeout)
        : base($"Call {target}.{method} did not complete within {timeout.TotalSeconds:0.###} s.")
    {
        Target = target;
        Method = method;
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainCallTimeoutException(string message) : base(message)
    {
        Method = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
        Method = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException()
    {
        Method = string.Empty;
    }

    /// <summary>The grain called.</summary>
    public GrainId Target { get; }

    /// <summary>The interface method called.</summary>
    public string Method { get; }
}
