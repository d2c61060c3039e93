namespace OrderActors.Client.Contracts;

/// <summary>One audit-trail entry: what happened, who, when, the status change and edited fields.</summary>
public sealed record OrderHistoryDto(long Version, string Type, string Actor, DateTimeOffset At, string? FromStatus, string? ToStatus, string? Reason, IReadOnlyList<FieldChangeDto> Changes);
