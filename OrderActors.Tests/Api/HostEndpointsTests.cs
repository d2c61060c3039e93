using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class HostEndpointsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Health_LiveAndReady_AnswerOkWithProvider(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var client = host.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetFromJsonAsync<HealthReport>("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(new HealthReport("ready", provider), ready);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheApiPaths()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var document = await host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/keys", paths);
        Assert.Contains("/webhooks/{channel}", paths);
        Assert.Contains("/api/channels/{channel}/mapping", paths);
    }

    [Fact]
    public async Task UnknownRoute_NoKey_Answers401ProblemOnApiAnd404Elsewhere()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var api = await host.CreateClient().GetAsync("/api/keys");
        var missing = await host.CreateClient().GetAsync("/nowhere");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
