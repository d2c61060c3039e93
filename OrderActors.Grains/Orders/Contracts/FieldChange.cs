namespace OrderActors.Grains.Orders;

/// <summary>An edited field's old and new value in the history.</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);
