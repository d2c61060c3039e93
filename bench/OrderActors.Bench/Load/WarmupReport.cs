namespace OrderActors.Bench.Load;

/// <summary>
/// The warm-up before a measured run: how many operations it asked for and sent, in how long, their answers, how long the
/// runner then waited for the server's tier-1 JIT to fall quiet, and that JIT thread's CPU over both. Not measured.
/// </summary>
public sealed record WarmupReport(int Requested, int Sent, double Seconds, IReadOnlyDictionary<int, int> ByStatus, int Errors)
{
    public double PerSecond => Seconds > 0 ? Sent / Seconds : 0;

    /// <summary>Seconds the server was left idle after the warm-up's operations until its tier-1 JIT thread was quiet.</summary>
    public double SettleSeconds { get; init; }

    /// <summary>Whether the JIT thread fell quiet within the settle limit (false: the measured run started anyway).</summary>
    public bool JitQuiet { get; init; } = true;

    /// <summary>CPU seconds of the server's tier-1 JIT thread during the warm-up and the settle.</summary>
    public double JitCpuSeconds { get; init; }
}
