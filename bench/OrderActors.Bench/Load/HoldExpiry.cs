namespace OrderActors.Bench.Load;

/// <summary>What the change feed says about unpaid holds: when each was due and when its cancellation was recorded.</summary>
public sealed class HoldExpiry
{
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _placed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _cancelled = new(StringComparer.Ordinal);

    public long Position { get; set; }

    public long EventsRead { get; set; }

    public int Cancelled => _cancelled.Count;

    /// <summary>How many of <paramref name="orderIds"/> have their cancellation on the feed (after a crash, orders that were never acknowledged are cancelled too).</summary>
    public int CancelledOf(IReadOnlyList<string> orderIds) => orderIds.Count(_cancelled.ContainsKey);

    public void Placed(string orderId, DateTimeOffset at, DateTimeOffset? due)
    {
        _placed[orderId] = at;
        if (due is { } d)
        {
            _due[orderId] = d;
        }
    }

    public void Cancel(string orderId, DateTimeOffset at) => _cancelled.TryAdd(orderId, at);

    /// <summary>Lateness (cancellation time − due time) of every cancelled order whose due time was seen, in ms, sorted.</summary>
    public double[] LatenessMs() =>
        _cancelled.Where(c => _due.ContainsKey(c.Key)).Select(c => (c.Value - _due[c.Key]).TotalMilliseconds).Order().ToArray();

    /// <summary>Cancellations recorded before the last order was placed: holds that expired while new orders still arrived.</summary>
    public int CancelledWhileArriving()
    {
        if (_placed.Count == 0)
        {
            return 0;
        }

        // The last placement once, not once per cancellation (that was 10^12 comparisons at 1,000,000 holds).
        var lastPlaced = _placed.Values.Max();
        return _cancelled.Values.Count(c => c < lastPlaced);
    }

    /// <summary>Cancellations per second over the drain (first to last cancellation) and the busiest second.</summary>
    public (double Mean, int PeakSecond, double Seconds) DrainRate()
    {
        if (_cancelled.Count < 2)
        {
            return (0, _cancelled.Count, 0);
        }

        var times = _cancelled.Values.Order().ToArray();
        var span = (times[^1] - times[0]).TotalSeconds;
        var peak = times.GroupBy(t => t.ToUnixTimeSeconds()).Max(g => g.Count());
        return (span > 0 ? times.Length / span : times.Length, peak, span);
    }
}
