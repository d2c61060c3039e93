namespace OrderActors.Api;

/// <summary>HTTP API settings, bound from <c>OrderActors:Api</c>; code defaults below.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "OrderActors:Api";

    /// <summary>Largest request body accepted (JSON endpoints and webhooks); larger bodies get 413 ProblemDetails.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Customer tracking: requests per client per <see cref="TrackingWindow"/>.</summary>
    public int TrackingPermitLimit { get; set; } = 10;

    /// <summary>Customer tracking rate-limit window.</summary>
    public TimeSpan TrackingWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a channel mapping read from storage is used by webhooks before it is read again. A replacement on this
    /// silo applies to the next webhook; one made on another silo on the same database applies here within this time.
    /// Zero turns the cache off.
    /// </summary>
    public TimeSpan ChannelMappingCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);
}
