namespace OrderActors.Cli;

/// <summary>What the process exit code tells a script.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The API refused or failed the request (validation, illegal transition, not found, conflict), or an import rejected rows.</summary>
    public const int ApiError = 1;

    /// <summary>The command line is wrong (unknown command, missing argument, unreadable file): nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The service could not be reached, or the API key (or webhook secret) was rejected or lacks the role.</summary>
    public const int ConnectionOrAuth = 3;

    /// <summary>Ctrl+C (SIGINT) or SIGTERM stopped the command before it finished (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public const string HelpText =
        "Exit codes: 0 ok; 1 the API refused or failed the request (or an import rejected rows); " +
        "2 usage error (nothing sent); 3 cannot connect, or the API key was rejected or lacks the role; " +
        "130 interrupted (Ctrl+C) before it finished (a watch stopped with Ctrl+C exits 0).";
}
