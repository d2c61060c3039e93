namespace OrderActors.Runtime.Reminders;

/// <summary>Reminder delivery figures: lag (delivered time − due time) over the recent window, and counters since start.</summary>
/// <param name="SampleCount">Deliveries in the window (at most 1,024).</param>
/// <param name="P50Ms">Median lag in milliseconds.</param>
/// <param name="P99Ms">99th percentile lag in milliseconds.</param>
/// <param name="MaxMs">Largest lag in the window, in milliseconds.</param>
/// <param name="Deliveries">Ticks delivered successfully since start.</param>
/// <param name="Failures">Ticks whose delivery failed (and will be retried) since start.</param>
/// <param name="ReadAhead">Ticks read before their due time and scheduled for it, since start.</param>
/// <param name="DroppedReadAhead">Of those, ticks dropped because their reminder was registered again or removed meanwhile.</param>
public sealed record ReminderLagStatistics(
    int SampleCount, double P50Ms, double P99Ms, double MaxMs, long Deliveries, long Failures, long ReadAhead = 0, long DroppedReadAhead = 0);
