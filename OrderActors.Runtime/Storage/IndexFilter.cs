namespace OrderActors.Runtime.Storage;

/// <summary>A condition on one index entry: the entry named <see cref="Name"/> exists and its value compares as given (ordinal).</summary>
public sealed record IndexFilter(string Name, IndexOperator Operator, string Value);
