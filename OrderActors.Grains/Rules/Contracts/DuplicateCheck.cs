namespace OrderActors.Grains.Rules;

/// <summary>
/// <c>suspected_duplicate</c>: the same items to a similar address by the same phone from another channel, placed within
/// <see cref="Window"/> of this order (before or after).
/// </summary>
public sealed record DuplicateCheck
{
    public bool Enabled { get; init; } = true;
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);
}
