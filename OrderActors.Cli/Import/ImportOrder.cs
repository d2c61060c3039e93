namespace OrderActors.Cli.Import;

/// <summary>The rows of one order (one per line item), in file order.</summary>
public sealed record ImportOrder(string OrderNo, IReadOnlyList<ImportRow> Rows)
{
    public ImportRow First => Rows[0];
}
