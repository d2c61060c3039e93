using System.Text.Json;

namespace OrderActors.Client.Http;

/// <summary><c>/api/rules/{kind}</c> for <c>allocation</c>, <c>exceptions</c>, <c>approval</c> and <c>sla</c>: versioned rule sets.</summary>
public sealed class RulesClient(ApiConnection connection)
{
    public static IReadOnlyList<string> Kinds { get; } = ["allocation", "exceptions", "approval", "sla"];

    public Task<JsonElement> GetAsync(string kind, CancellationToken cancellationToken = default) =>
        connection.GetAsync<JsonElement>($"/api/rules/{ApiConnection.Escape(kind)}", cancellationToken);

    /// <summary>
    /// Replaces a rule set; a bad set is rejected whole (400 naming the wrong field) and nothing changes. With
    /// <paramref name="ifVersion"/> only if the set is still at that version (its <c>version</c>, the number its
    /// <c>ETag</c> carries); else 412 and nothing changes.
    /// </summary>
    public Task<JsonElement> PutAsync(string kind, JsonElement rules, CancellationToken cancellationToken = default, long? ifVersion = null) =>
        connection.PutAsync<JsonElement>(
            $"/api/rules/{ApiConnection.Escape(kind)}",
            rules,
            cancellationToken,
            ifVersion is { } v ? new Dictionary<string, string> { ["If-Match"] = $"\"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"" } : null);
}
