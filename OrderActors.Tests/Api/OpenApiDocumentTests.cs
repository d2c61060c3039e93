using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// The OpenAPI document says how to authenticate, which roles an operation takes and which problem answers it gives;
/// the document is checked against what the running API really answers, not only for its shape.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Document_DeclaresTheApiKeyHeaderAndTheProblemShape()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var document = await host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem");
        Assert.Contains("code", problem.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        foreach (var member in new[] { "type", "title", "status", "detail", "code", "field", "errors", "traceId" })
        {
            Assert.True(problem.GetProperty("properties").TryGetProperty(member, out _), member);
        }

        var ship = Operation(document, "/api/orders/{id}/ship", "post");
        Assert.Equal("ApiKey", ship.GetProperty("security")[0].EnumerateObject().Single().Name);
        Assert.EndsWith("Roles: admin, warehouse.", ship.GetProperty("description").GetString());
        foreach (var status in new[] { "400", "401", "403", "404", "409", "503" })
        {
            var content = ship.GetProperty("responses").GetProperty(status).GetProperty("content");
            Assert.Equal("#/components/schemas/Problem", content.GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }

        var settings = Operation(document, "/api/stock/{sku}/settings", "patch").GetProperty("responses").GetProperty("412");
        Assert.Equal("#/components/schemas/Problem", settings.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());

        var track = Operation(document, "/api/track", "get");
        Assert.False(track.TryGetProperty("security", out _));
        Assert.True(track.GetProperty("responses").TryGetProperty("429", out _));
        Assert.False(track.GetProperty("responses").TryGetProperty("401", out _));

        var live = Operation(document, "/health/live", "get");
        Assert.False(live.TryGetProperty("security", out _));
        Assert.Equal(["200"], live.GetProperty("responses").EnumerateObject().Select(r => r.Name));

        var webhook = Operation(document, "/webhooks/{channel}", "post");
        Assert.False(webhook.TryGetProperty("security", out _));
        Assert.True(webhook.GetProperty("responses").TryGetProperty("401", out _));
    }

    /// <summary>
    /// Every operation the document marks as needing a key answers 401 without one, every operation it leaves open does
    /// not, and a key with a role the document does not list for an operation gets 403: the document's security and
    /// roles are those the API enforces. None of these requests reaches a handler, so nothing changes.
    /// </summary>
    /// <summary>
    /// The API's own string converter hid the type of every text from the schema generator: properties and path and
    /// query parameters were <c>{}</c> (any JSON), so the document did not say that <c>"sku": 5</c> is wrong.
    /// </summary>
    [Fact]
    public async Task Document_TextPropertiesAndParameters_AreStrings()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var document = await host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var untyped = schemas.EnumerateObject()
            .Where(s => s.Value.TryGetProperty("properties", out _))
            .SelectMany(s => s.Value.GetProperty("properties").EnumerateObject().Select(p => (Name: $"{s.Name}.{p.Name}", Schema: p.Value)))
            .Where(p => p.Schema.ValueKind == JsonValueKind.Object && !p.Schema.EnumerateObject().Any(m => m.Name is "type" or "$ref" or "oneOf" or "anyOf" or "allOf"))
            .Select(p => p.Name)
            // Any JSON on purpose: a grain's state and an event's data.
            .Where(n => n is not "GrainDetailDto.state" && !n.EndsWith(".data", StringComparison.Ordinal))
            .ToList();
        var untypedParameters = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("parameters", out _))
                .SelectMany(o => o.Value.GetProperty("parameters").EnumerateArray().Select(a => (Name: $"{o.Name} {p.Name} {a.GetProperty("name").GetString()}", Schema: a.GetProperty("schema")))))
            .Where(a => !a.Schema.TryGetProperty("type", out _))
            .Select(a => a.Name)
            .ToList();

        Assert.Empty(untyped);
        Assert.Empty(untypedParameters);
        var lineSku = schemas.GetProperty("OrderLineInput").GetProperty("properties").GetProperty("sku").GetProperty("type");
        Assert.Equal(["null", "string"], lineSku.EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal("string", Operation(document, "/api/orders/{id}", "get").GetProperty("parameters")[0].GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Document_SecurityAndRoles_AreWhatTheApiEnforces()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var anonymous = host.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var byRole = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var role in ApiRoles.All.Where(r => r != ApiRoles.Admin))
        {
            byRole[role] = await host.WithRolesAsync(role);
        }

        var secured = 0;
        var forbiddenChecked = 0;
        foreach (var (path, method, operation) in Operations(document))
        {
            var url = path.Replace("{", "x-", StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal);
            if (path.StartsWith("/webhooks/", StringComparison.Ordinal) || path == "/api/track")
            {
                continue; // signed or rate-limited, not keyed; described by the first test
            }

            var status = (await anonymous.SendAsync(Request(method, url))).StatusCode;
            if (operation.TryGetProperty("security", out _))
            {
                secured++;
                Assert.True(status == HttpStatusCode.Unauthorized, $"{method} {path} answered {status} without a key");
                var roles = RolesOf(operation);
                Assert.Contains(ApiRoles.Admin, roles);
                foreach (var (role, client) in byRole)
                {
                    var answer = (await client.SendAsync(Request(method, url))).StatusCode;
                    if (!roles.Contains(role))
                    {
                        forbiddenChecked++;
                        Assert.True(answer == HttpStatusCode.Forbidden, $"{method} {path} answered {answer} to role {role}, which the document does not list");
                    }
                    else
                    {
                        Assert.True(answer is not HttpStatusCode.Forbidden and not HttpStatusCode.Unauthorized, $"{method} {path} answered {answer} to role {role}, which the document lists");
                    }
                }
            }
            else
            {
                Assert.True(status != HttpStatusCode.Unauthorized, $"{method} {path} answered 401 but the document needs no key");
            }
        }

        Assert.True(secured > 40, $"only {secured} keyed operations found");
        Assert.True(forbiddenChecked > 40, $"only {forbiddenChecked} role refusals checked");
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                yield return (path.Name, operation.Name, operation.Value);
            }
        }
    }

    private static List<string> RolesOf(JsonElement operation)
    {
        var description = operation.GetProperty("description").GetString() ?? string.Empty;
        var start = description.LastIndexOf("Roles: ", StringComparison.Ordinal);
        Assert.True(start >= 0, description);
        return description[(start + "Roles: ".Length)..].TrimEnd('.').Split(", ").ToList();
    }

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method.ToUpperInvariant()), url)
    {
        Content = method == "get" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };
}
