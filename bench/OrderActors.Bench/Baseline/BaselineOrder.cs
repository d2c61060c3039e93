namespace OrderActors.Bench.Baseline;

/// <summary>An order as the baseline answers it.</summary>
public sealed record BaselineOrder(string Id, string Status, decimal Total, string? PaymentId, IReadOnlyList<BaselineLine> Lines);
