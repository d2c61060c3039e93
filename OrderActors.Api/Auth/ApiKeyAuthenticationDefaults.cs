namespace OrderActors.Api.Auth;

/// <summary>Names used by API key authentication.</summary>
public static class ApiKeyAuthenticationDefaults
{
    public const string Scheme = "ApiKey";

    public const string HeaderName = "X-Api-Key";
}
