using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Reports;

/// <summary>Reads every order matching index filters, page by page (reports and reconciliation).</summary>
internal static class OrderIndexScanner
{
    private const int PageSize = 1000;

    public static async Task<List<IndexedGrain>> ScanAsync(IGrainStorage storage, IReadOnlyList<IndexFilter> filters, CancellationToken cancellationToken)
    {
        var all = new List<IndexedGrain>();
        string? after = null;
        while (true)
        {
            var page = await storage.QueryIndexAsync(new IndexQuery(OrderIndex.GrainType, filters) { AfterKey = after, Limit = PageSize }, cancellationToken);
            all.AddRange(page);
            if (page.Count < PageSize)
            {
                return all;
            }

            after = page[^1].GrainKey;
        }
    }

    public static IndexFilter[] Between(string name, DateTimeOffset from, DateTimeOffset to) =>
    [
        new(name, IndexOperator.GreaterOrEqual, IndexValues.Time(from)),
        new(name, IndexOperator.Less, IndexValues.Time(to)),
    ];

    public static decimal Number(IndexedGrain row, string name) => IndexValues.ParseNumber(row.Entries.GetValueOrDefault(name));
}
