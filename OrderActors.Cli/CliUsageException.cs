namespace OrderActors.Cli;

/// <summary>A mistake in what the user asked for (a missing file, a bad value) found before anything was sent: exit code 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
