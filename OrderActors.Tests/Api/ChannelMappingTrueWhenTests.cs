using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A <c>trueWhen</c> list that no value can match (empty, or a null or blank entry) made its field false for every order:
/// the input probe put <c>cancelled.trueWhen: [null]</c> on taobao's mapping (200), and a closed Taobao trade then came in
/// as a new order instead of a cancellation. It is refused naming the entry, and the mapping stays as it was.
/// </summary>
public sealed class ChannelMappingTrueWhenTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    public static TheoryData<string?[], string> Unmatchable => new()
    {
        { [], "fields.paid.trueWhen" },
        { [null], "fields.paid.trueWhen[0]" },
        { ["PAID", " "], "fields.paid.trueWhen[1]" },
    };

    [Theory]
    [MemberData(nameof(Unmatchable))]
    public async Task PutMapping_TrueWhenNoValueCanMatch_Is400NamingItAndKeepsTheMapping(string?[] trueWhen, string field)
    {
        var admin = shared.Host.Admin();
        (await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create())).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync("/api/channels/weidian/mapping");
        var fields = new Dictionary<string, FieldMapping>(WeidianMapping.Create().Fields!) { ["paid"] = new() { Path = "order.state", TrueWhen = trueWhen! } };

        var response = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create() with { Fields = fields });

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "channel.mapping_invalid", field);
        Assert.Equal(before, await admin.GetStringAsync("/api/channels/weidian/mapping"));
    }
}
