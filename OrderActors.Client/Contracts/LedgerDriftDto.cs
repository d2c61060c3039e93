namespace OrderActors.Client.Contracts;

/// <summary>One difference the ledger check found.</summary>
public sealed record LedgerDriftDto(string Kind, string Sku, string? OrderId, string Expected, string Actual);
