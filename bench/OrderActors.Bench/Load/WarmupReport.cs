namespace OrderActors.Bench.Load;

/// <summary>The warm-up before a measured run: how many operations it asked for and sent, in how long, and their answers. Not measured.</summary>
public sealed record WarmupReport(int Requested, int Sent, double Seconds, IReadOnlyDictionary<int, int> ByStatus, int Errors)
{
    public double PerSecond => Seconds > 0 ? Sent / Seconds : 0;
}
