namespace OrderActors.Api.Auth;

/// <summary>An admin key being revoked, since <see cref="At"/>: it no longer counts as the admin key that remains.</summary>
public sealed record PendingAdminRevocation(string Id, DateTimeOffset At);
