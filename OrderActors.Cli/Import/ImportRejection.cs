namespace OrderActors.Cli.Import;

/// <summary>Rows that were not imported, and why.</summary>
public sealed record ImportRejection(string? OrderNo, IReadOnlyList<ImportRow> Rows, string Reason);
