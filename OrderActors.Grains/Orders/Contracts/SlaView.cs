namespace OrderActors.Grains.Orders;

/// <summary>
/// The order's SLA position: the current stage (<c>review</c>, <c>payment</c>, <c>allocation</c>, <c>packing</c>,
/// <c>shipping</c>, or none), its deadline, whether it is overdue and the escalation level (0, 1, 2), and whether the
/// order sat untouched too long (red alert).
/// </summary>
public sealed record SlaView(string? Stage, DateTimeOffset? DueAt, bool Overdue, int Level, bool RedAlert, int Breaches);
