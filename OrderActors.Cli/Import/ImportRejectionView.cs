namespace OrderActors.Cli.Import;

/// <summary>One rejected order in the summary: its CSV line numbers, order number and the reason.</summary>
public sealed record ImportRejectionView(IReadOnlyList<int> Lines, string? OrderNo, string Reason);
