namespace OrderActors.Grains.Rules;

/// <summary>
/// <c>price_anomaly</c>: a line's unit price below its SKU's floor, or outside
/// [<see cref="MinRatio"/>, <see cref="MaxRatio"/>] × its reference price.
/// </summary>
public sealed record PriceAnomalyCheck
{
    public bool Enabled { get; init; } = true;
    public decimal MinRatio { get; init; } = 0.3m;
    public decimal MaxRatio { get; init; } = 3m;
    public IReadOnlyDictionary<string, decimal> ReferencePrices { get; init; } = new Dictionary<string, decimal>();
    public IReadOnlyDictionary<string, decimal> Floors { get; init; } = new Dictionary<string, decimal>();
}
