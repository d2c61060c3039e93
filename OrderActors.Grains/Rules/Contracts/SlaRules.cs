namespace OrderActors.Grains.Rules;

/// <summary>
/// Stage deadlines. A stage that overruns its limit is breached (level 1) and, one more limit later, escalated (level 2).
/// An open order untouched for <see cref="Untouched"/> raises a red alert.
/// </summary>
public sealed record SlaRules
{
    public bool Enabled { get; init; } = true;
    public TimeSpan Review { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan Payment { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan Allocation { get; init; } = TimeSpan.FromHours(2);
    public TimeSpan Packing { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan Shipping { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan Untouched { get; init; } = TimeSpan.FromHours(48);
    public long Version { get; init; }
}
