namespace OrderActors.Bench.Load;

/// <summary>
/// The lines of intake order <c>i</c>: 1–3 distinct SKUs of the pool, quantity 1–3 each, the same in every run of a seed.
/// The pool's SKU n is named by <see cref="Payloads.Sku"/>, or by the warm-up's <see cref="Payloads.WarmupSku"/> when given.
/// </summary>
public static class IntakeLines
{
    public static IReadOnlyList<(string Sku, int Quantity)> For(int seed, int index, int skus, Func<int, string>? skuName = null)
    {
        skuName ??= Payloads.Sku;
        var count = Math.Min(skus, 1 + (int)(Payloads.Uniform(seed, index * 7L) * 3));
        var lines = new List<(string, int)>(count);
        var used = new HashSet<int>();
        for (var l = 0; used.Count < count; l++)
        {
            var sku = (int)(Payloads.Uniform(seed, index * 7L + 1 + l) * skus);
            if (used.Add(sku))
            {
                lines.Add((skuName(sku), 1 + (int)(Payloads.Uniform(seed + 1, index * 7L + l) * 3)));
            }
        }

        return lines;
    }
}
