namespace OrderActors.Runtime.Hosting;

/// <summary>This silo's identity and start time.</summary>
internal sealed class SiloInfo
{
    public string Id { get; } = $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    public DateTimeOffset StartedAt { get; private set; }

    public long StartedTimestamp { get; private set; }

    public void MarkStarted(TimeProvider time)
    {
        StartedAt = time.GetUtcNow();
        StartedTimestamp = time.GetTimestamp();
    }
}
