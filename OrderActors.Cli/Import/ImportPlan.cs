using System.Globalization;

namespace OrderActors.Cli.Import;

/// <summary>
/// Groups rows into orders by order number (one row per line item, as the platforms export) and rejects, before anything is
/// sent, what cannot be an order: a missing order number or SKU, a quantity that is not a positive whole number, an amount that
/// is not a number, or rows of one order that disagree on a non-blank order-level value (buyer, address, amount, note).
/// A row repeated exactly, in every cell, is a duplicate and skipped. Rows that differ in any cell, even in a column the
/// import does not read (a sub-order number), are separate lines, also when they name the same SKU: the platform sold it
/// twice (two sub-orders, perhaps at two prices), and the service sums an order's lines of one SKU for its stock.
/// </summary>
public sealed record ImportPlan(IReadOnlyList<ImportOrder> Orders, IReadOnlyList<ImportRejection> Rejections, IReadOnlyList<ImportRow> DuplicateRows)
{
    /// <param name="rows">The file's rows.</param>
    /// <param name="columnName">The file's header for a field, so a rejection names the column the user sees (default: the field).</param>
    public static ImportPlan From(IReadOnlyList<ImportRow> rows, Func<string, string>? columnName = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        columnName ??= field => field;
        var rejections = new List<ImportRejection>();
        var duplicates = new List<ImportRow>();
        var groups = new Dictionary<string, List<ImportRow>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in rows)
        {
            if (RowProblem(row, columnName) is { } problem)
            {
                rejections.Add(new ImportRejection(NullIfEmpty(row.Get(ImportField.OrderNo)), [row], problem));
                continue;
            }

            var orderNo = row.Get(ImportField.OrderNo);
            if (!groups.TryGetValue(orderNo, out var group))
            {
                groups[orderNo] = group = [];
                order.Add(orderNo);
            }

            if (group.Any(r => SameCells(r, row)))
            {
                duplicates.Add(row);
                continue;
            }

            group.Add(row);
        }

        // An order is imported whole or not at all: a bad row takes the rest of its order with it.
        var badRows = rejections.Where(r => r.OrderNo is not null).GroupBy(r => r.OrderNo!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var orders = new List<ImportOrder>();
        foreach (var orderNo in order)
        {
            var group = groups[orderNo];
            if (badRows.TryGetValue(orderNo, out var bad))
            {
                rejections.Add(new ImportRejection(orderNo, group, $"line {bad.Rows[0].Line} of this order was rejected: {bad.Reason}"));
                continue;
            }

            if (OrderProblem(group) is { } problem)
            {
                rejections.Add(new ImportRejection(orderNo, group, problem));
                continue;
            }

            orders.Add(new ImportOrder(orderNo, group));
        }

        return new ImportPlan(orders, rejections, duplicates);
    }

    private static string? RowProblem(ImportRow row, Func<string, string> columnName)
    {
        if (row.Get(ImportField.OrderNo).Length == 0)
        {
            return "order number is missing";
        }

        if (row.Get(ImportField.Sku).Length == 0)
        {
            return "SKU is missing";
        }

        var quantity = row.Get(ImportField.Quantity);
        if (!int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q <= 0)
        {
            return $"quantity '{quantity}' is not a positive whole number";
        }

        foreach (var field in new[] { ImportField.UnitPrice, ImportField.PaidAmount })
        {
            var text = row.Get(field);
            if (text.Length > 0 && !CsvAmount.TryParse(text, out _))
            {
                return CsvAmount.Problem(columnName(field), text);
            }
        }

        return null;
    }

    private static string? OrderProblem(List<ImportRow> rows)
    {
        foreach (var field in ImportField.OrderLevel)
        {
            var values = rows.Select(r => r.Get(field)).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count > 1)
            {
                return $"rows of this order disagree on {field} ('{values[0]}' vs '{values[1]}')";
            }
        }

        return null;
    }

    /// <summary>Every cell alike (as cleaned, so <c>="5102"</c> and <c>5102</c> agree; a missing trailing cell counts as blank).</summary>
    private static bool SameCells(ImportRow a, ImportRow b)
    {
        for (var i = 0; i < Math.Max(a.Cells.Count, b.Cells.Count); i++)
        {
            if (!string.Equals(Cell(a, i), Cell(b, i), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Cell(ImportRow row, int index) => index < row.Cells.Count ? CsvValue.Clean(row.Cells[index]) : string.Empty;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
