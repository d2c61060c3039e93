namespace OrderActors.Runtime.Reminders;

/// <summary>Reminder lag (delivered − due) over a window of the most recent deliveries.</summary>
internal sealed class ReminderLagTracker
{
    private const int Window = 1024;
    private readonly Lock _lock = new();
    private readonly double[] _samples = new double[Window];
    private int _count;
    private int _next;
    private long _deliveries;
    private long _failures;
    private long _readAhead;
    private long _dropped;

    public long Deliveries => Interlocked.Read(ref _deliveries);

    public long Failures => Interlocked.Read(ref _failures);

    public void RecordDelivery(TimeSpan lag)
    {
        Interlocked.Increment(ref _deliveries);
        lock (_lock)
        {
            _samples[_next] = Math.Max(0, lag.TotalMilliseconds);
            _next = (_next + 1) % Window;
            _count = Math.Min(_count + 1, Window);
        }
    }

    public void RecordFailure() => Interlocked.Increment(ref _failures);

    public void RecordReadAhead() => Interlocked.Increment(ref _readAhead);

    public void RecordDropped() => Interlocked.Increment(ref _dropped);

    public ReminderLagStatistics GetStatistics()
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = _samples[.._count];
        }

        Array.Sort(sorted);
        return new ReminderLagStatistics(
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1],
            Deliveries,
            Failures,
            Interlocked.Read(ref _readAhead),
            Interlocked.Read(ref _dropped));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
