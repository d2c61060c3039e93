namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>GET /api/reports/reconciliation?date=</c> (a calendar day in the seller's time zone, <c>OrderActors:Api:ReportTimeZone</c>;
/// <c>format=csv</c> for a file): <see cref="From"/> and <see cref="To"/> are the instants that day begins and ends there.
/// </summary>
public sealed record ReconciliationDto(DateOnly Date, IReadOnlyList<ReconciliationRowDto> Channels)
{
    public string TimeZone { get; init; } = "UTC";

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }
}
