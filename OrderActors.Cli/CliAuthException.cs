namespace OrderActors.Cli;

/// <summary>A credential other than the API key (e.g. a channel's webhook secret) was refused: exit code 3.</summary>
public sealed class CliAuthException : Exception
{
    public CliAuthException()
    {
    }

    public CliAuthException(string message)
        : base(message)
    {
    }

    public CliAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
