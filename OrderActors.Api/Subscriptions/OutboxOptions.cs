namespace OrderActors.Api.Subscriptions;

/// <summary>Outbound webhook delivery settings, bound from <c>OrderActors:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "OrderActors:Outbox";

    /// <summary>How often the dispatcher reads the change feed and retries due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the first failure; doubled after each further failure.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts a delivery is marked failed and no longer retried.</summary>
    public int MaxAttempts { get; set; } = 15;

    /// <summary>Time allowed for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Subscriptions whose due deliveries are sent at the same time (each subscription's own deliveries go one after
    /// another), so that one slow or unreachable endpoint does not hold up the others.
    /// </summary>
    public int MaxParallelSubscriptions { get; set; } = 8;

    /// <summary>Change-feed events read per pass.</summary>
    public int FeedBatchSize { get; set; } = 500;
}
