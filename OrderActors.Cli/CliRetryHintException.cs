namespace OrderActors.Cli;

/// <summary>
/// A failure with no answer (<see cref="Exception.InnerException"/>, described as usual) and how to run the command
/// again safely: e.g. the receipt id the CLI chose, so a retry counts the goods once.
/// </summary>
public sealed class CliRetryHintException : Exception
{
    public CliRetryHintException()
    {
    }

    public CliRetryHintException(string message)
        : base(message)
    {
    }

    public CliRetryHintException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether <paramref name="exception"/> left the outcome unknown: no answer came (timed out, refused, cut short).</summary>
    public static bool NoAnswer(Exception exception) =>
        ConnectionFailures.IsTimeout(exception) || exception is HttpRequestException { StatusCode: null } or OperationCanceledException;
}
