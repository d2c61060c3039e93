namespace OrderActors.Cli.Import;

/// <summary>
/// What an import did. <see cref="Created"/>: orders the service had not seen; <see cref="Duplicates"/>: orders it already had
/// (changed nothing) plus rows repeated in the file; <see cref="Rejected"/>: orders (with all their rows) not imported, each with
/// a reason in <see cref="Rejections"/> and in the rejected-rows file. After Ctrl+C (<see cref="Interrupted"/>) the counts are
/// of the orders answered so far.
/// </summary>
public sealed record ImportSummary
{
    public required string File { get; init; }

    public required string Channel { get; init; }

    public required int Rows { get; init; }

    public required int Orders { get; init; }

    public required int Created { get; init; }

    public required int Duplicates { get; init; }

    public required int DuplicateRows { get; init; }

    public required int Rejected { get; init; }

    public required int RejectedRows { get; init; }

    public string? RejectedFile { get; init; }

    /// <summary>A rejected-rows file of an earlier run, removed because this run rejected nothing.</summary>
    public string? RemovedRejectedFile { get; init; }

    public required IReadOnlyList<ImportRejectionView> Rejections { get; init; }

    /// <summary>Ctrl+C stopped the import before every order was sent and answered.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Orders the service did not answer: not sent, or (at most a few) sent as Ctrl+C came.</summary>
    public int NotAnswered { get; init; }
}
