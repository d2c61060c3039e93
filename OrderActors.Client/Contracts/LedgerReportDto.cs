namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/admin/ledger/check</c>: what was checked and every drift found (none when clean).</summary>
public sealed record LedgerReportDto(bool Clean, int SkusChecked, int OrdersChecked, int HoldingsChecked, IReadOnlyList<LedgerDriftDto> Drifts, DateTimeOffset CheckedAt);
