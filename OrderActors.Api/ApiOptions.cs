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

    /// <summary>
    /// The seller's time zone for calendar days in reports (an IANA name such as <c>Asia/Shanghai</c>, or <c>UTC</c>, the
    /// default): the daily reconciliation covers that zone's day, as the marketplaces' and payment providers' statements
    /// the seller checks it against do.
    /// </summary>
    public string ReportTimeZone { get; set; } = "UTC";

    /// <summary><see cref="ReportTimeZone"/> as this machine's time zone data knows it, or null when it does not.</summary>
    public TimeZoneInfo? FindReportTimeZone()
    {
        if (string.IsNullOrWhiteSpace(ReportTimeZone))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ReportTimeZone.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
