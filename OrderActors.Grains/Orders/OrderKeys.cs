namespace OrderActors.Grains.Orders;

/// <summary>How order grain keys are formed.</summary>
public static class OrderKeys
{
    /// <summary>The channel of the seller's own storefront.</summary>
    public const string OwnChannel = "own";

    /// <summary><c>{channel}-{externalOrderNo}</c>, channel lower-cased.</summary>
    public static string For(string channel, string externalOrderNo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderNo);
        return $"{channel.Trim().ToLowerInvariant()}-{externalOrderNo.Trim()}";
    }

    /// <summary>The key of the <paramref name="index"/>th (1-based) part of a split.</summary>
    public static string SplitPart(string parentOrderId, int index) => $"{parentOrderId}-{index}";
}
