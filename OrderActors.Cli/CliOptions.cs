using System.CommandLine;

namespace OrderActors.Cli;

/// <summary>The options every command takes (declared once on the root, recursive).</summary>
public static class CliOptions
{
    public const string UrlVariable = "ORDERACTORS_URL";
    public const string ApiKeyVariable = "ORDERACTORS_API_KEY";
    public const string DefaultUrl = "http://localhost:5000";

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

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON answer as it came, instead of tables (for scripts).",
        Recursive = true,
    };
}
