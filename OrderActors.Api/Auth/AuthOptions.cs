namespace OrderActors.Api.Auth;

/// <summary>API key settings, bound from <c>OrderActors:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "OrderActors:Auth";

    /// <summary>When set, this exact string is the admin key (stored hashed); otherwise the first start generates one.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Where a generated admin key is written. Default: <c>admin.key</c> beside the SQLite file, else <c>./data/admin.key</c>.</summary>
    public string? AdminKeyFile { get; set; }
}
