namespace OrderActors.Client.Contracts;

/// <summary><c>GET /api/reports/reconciliation?date=</c> (UTC day; <c>format=csv</c> for a file).</summary>
public sealed record ReconciliationDto(DateOnly Date, IReadOnlyList<ReconciliationRowDto> Channels);
