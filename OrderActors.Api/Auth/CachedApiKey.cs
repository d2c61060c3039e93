namespace OrderActors.Api.Auth;

/// <summary>A verified key held by <see cref="ApiKeyCache"/>, with when it was verified (a <see cref="TimeProvider"/> timestamp).</summary>
internal sealed record CachedApiKey(ApiKeyRecord Record, long VerifiedAt);
