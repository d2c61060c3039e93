namespace OrderActors.Api.Auth;

/// <summary>API key settings, bound from <c>OrderActors:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "OrderActors:Auth";

    /// <summary>When set, this exact string is the admin key (stored hashed); otherwise the first start generates one.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Where a generated admin key is written. Default: <c>admin.key</c> beside the SQLite file, else <c>./data/admin.key</c>.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>
    /// How long a verified key is trusted from memory before it is read from storage again. Revoking on this silo
    /// takes effect at once; a key revoked by another silo on the same database is refused here within this time.
    /// Zero turns the cache off (every request reads the key).
    /// </summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many verified keys are held in memory; past it, further keys are verified from storage each time.</summary>
    public int KeyCacheCapacity { get; set; } = 4096;
}
