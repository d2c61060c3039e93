using System.CommandLine;

namespace OrderActors.Cli;

/// <summary>The options every command takes (declared once on the root, recursive).</summary>
public static class CliOptions
{
    public const string UrlVariable = "ORDERACTORS_URL";
    public const string ApiKeyVariable = "ORDERACTORS_API_KEY";
    public const string DefaultUrl = "http://localhost:5000";

    /// <summary>HttpClient's own default: long enough for a large import's request or a ledger check.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    public static Option<string?> Url { get; } = new("--url")
    {
        Description = $"The silo's base address (default: ${UrlVariable}, else {DefaultUrl}).",
        Recursive = true,
    };

    public static Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key sent as X-Api-Key (default: ${ApiKeyVariable}).",
        Recursive = true,
    };

    public static Option<string?> Timeout { get; } = new("--timeout")
    {
        Description = $"How long to wait for each answer, e.g. 30s or 5m (1s to 1h, default {DefaultTimeout.TotalSeconds:0}s).",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON answer as it came, instead of tables (for scripts).",
        Recursive = true,
    };
}
