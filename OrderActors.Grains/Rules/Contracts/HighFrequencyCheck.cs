namespace OrderActors.Grains.Rules;

/// <summary><c>high_frequency_buyer</c>: more than <see cref="MaxOrders"/> orders by one phone within <see cref="Window"/>.</summary>
public sealed record HighFrequencyCheck
{
    public bool Enabled { get; init; } = true;
    public int MaxOrders { get; init; } = 5;
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);
}
