using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// Lists in configuration are bounded (the input probe stored a subscription with 10,000 event patterns and mappings with
/// 10,000 paths): past the bound the request is refused naming the list, and nothing is stored.
/// </summary>
public sealed class ListSizeInputTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Fact]
    public async Task CreateSubscription_MoreThanAHundredEventPatterns_Is400NamingEventsAndStoresNone()
    {
        var admin = shared.Host.Admin();
        var events = Enumerable.Range(0, 101).Select(i => $"order.type{i}").ToList();

        var response = await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest("http://127.0.0.1:9/many", events, "subscription-secret-0123456789"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "events");
        Assert.DoesNotContain("/many", await admin.GetStringAsync("/api/subscriptions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSubscription_AHundredEventPatterns_IsTaken()
    {
        var admin = shared.Host.Admin();
        var events = Enumerable.Range(0, 100).Select(i => $"order.type{i}").ToList();

        var response = await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest("http://127.0.0.1:9/hundred", events, "subscription-secret-0123456789"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PutMapping_MoreThanTenPathsOrFiftyTrueValues_Is400NamingTheListAndKeepsTheMapping()
    {
        var admin = shared.Host.Admin();
        (await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create())).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync("/api/channels/weidian/mapping");
        var paths = new Dictionary<string, FieldMapping>(WeidianMapping.Create().Fields!)
        {
            ["buyerNote"] = new() { Paths = Enumerable.Range(0, 11).Select(i => $"note{i}").ToList() },
        };
        var trueWhen = new Dictionary<string, FieldMapping>(WeidianMapping.Create().Fields!)
        {
            ["paid"] = new() { Path = "order.state", TrueWhen = Enumerable.Range(0, 51).Select(i => $"S{i}").ToList() },
        };

        var tooManyPaths = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create() with { Fields = paths });
        var tooManyValues = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create() with { Fields = trueWhen });

        await ProblemAssert.IsAsync(tooManyPaths, HttpStatusCode.BadRequest, "channel.mapping_invalid", "fields.buyerNote.paths");
        await ProblemAssert.IsAsync(tooManyValues, HttpStatusCode.BadRequest, "channel.mapping_invalid", "fields.paid.trueWhen");
        Assert.Equal(before, await admin.GetStringAsync("/api/channels/weidian/mapping"));
    }
}
