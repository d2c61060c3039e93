namespace OrderActors.Client.Contracts;

/// <summary>An edited field in the audit trail (values masked for roles without PII access).</summary>
public sealed record FieldChangeDto(string Field, string? OldValue, string? NewValue);
