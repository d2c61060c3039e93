namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>GET /api/reports/summary?from=&amp;to=</c> over orders placed in [from, to): counts by channel and status, paid→shipped
/// hours (p50/p90), SLA breaches, open exceptions by code, returns and their reasons, repurchase rate (share of buyers with
/// more than one order) and delivery accuracy (share of delivered orders not returned). A split order counts once, as
/// its parent, with the state of its parts.
/// </summary>
public sealed record SummaryReportDto(
    DateTimeOffset From,
    DateTimeOffset To,
    int Orders,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByChannelAndStatus,
    double? FulfilmentHoursP50,
    double? FulfilmentHoursP90,
    int SlaBreaches,
    int OverdueOrders,
    IReadOnlyDictionary<string, int> ExceptionsByCode,
    int Returns,
    IReadOnlyDictionary<string, int> ReturnReasons,
    double? RepurchaseRate,
    double? DeliveryAccuracy);
