namespace OrderActors.Api.Housekeeping;

/// <summary>How long the API's dedup records are kept, bound from <c>OrderActors:Retention</c> (0 = for ever).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "OrderActors:Retention";

    /// <summary>How often the records past their age are removed (at most 30 days).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A marketplace webhook's delivery id: a redelivery within this age is answered from it. Marketplaces retry for up
    /// to two or three days; an older redelivery is still absorbed by the order grain.
    /// </summary>
    public TimeSpan WebhookDeliveries { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An <c>Idempotency-Key</c> and its answer: a retry within this age gets the stored answer.</summary>
    public TimeSpan IdempotencyKeys { get; set; } = TimeSpan.FromHours(24);

    internal static readonly TimeSpan MaxInterval = TimeSpan.FromDays(30);

    internal bool IsValid() => Interval > TimeSpan.Zero && Interval <= MaxInterval && WebhookDeliveries >= TimeSpan.Zero && IdempotencyKeys >= TimeSpan.Zero;
}
