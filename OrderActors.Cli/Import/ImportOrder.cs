namespace OrderActors.Cli.Import;

/// <summary>The rows of one order (one per line item), in file order.</summary>
/// <remarks>
/// Exports often fill the order's own columns (paid amount, pay time, note, buyer, address) on one row only, not always
/// the first: an order-level value is the first non-blank one among its rows. Rows that disagree on a non-blank value
/// never get here (<see cref="ImportPlan"/> rejects the order).
/// </remarks>
public sealed record ImportOrder(string OrderNo, IReadOnlyList<ImportRow> Rows)
{
    public string Value(string field) => Rows.Select(r => r.Get(field)).FirstOrDefault(v => v.Length > 0) ?? string.Empty;

    /// <summary>A list field's entries over all rows, in file order, each once (<see cref="CsvList"/>).</summary>
    public IReadOnlyList<string> List(string field) => [.. Rows.SelectMany(r => CsvList.Split(r.Get(field))).Distinct(StringComparer.Ordinal)];
}
