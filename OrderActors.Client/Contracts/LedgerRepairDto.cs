namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/admin/ledger/repair</c>: the stock released for orders that were never stored, and the ledger check before and after.</summary>
public sealed record LedgerRepairDto(IReadOnlyList<LedgerReleaseDto> Released, LedgerReportDto Before, LedgerReportDto After);

/// <summary>One order that was never stored, and the SKUs whose holdings for it were released.</summary>
public sealed record LedgerReleaseDto(string OrderId, IReadOnlyList<string> Skus);
