using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>A mapping that would make every webhook of its channel fail is refused when it is put, naming the field.</summary>
public sealed class ChannelMappingBoundsTests
{
    [Fact]
    public async Task PutMapping_DefaultOrJoinWithNul_Is400NamingEachAndStoresNoMapping()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        var mapping = WeidianMapping.Create();
        var fields = new Dictionary<string, FieldMapping>(mapping.Fields!)
        {
            ["phone"] = new() { Path = "buyer.tel", Default = "138\u00000000000" },
            ["addressDetail"] = new() { Paths = ["buyer.addr", "buyer.area"], Join = "\u0000" },
        };

        var response = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", mapping with { Fields = fields });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/channel.mapping_invalid", problem!.Type);
        Assert.Equal(["fields.addressDetail.join", "fields.phone.default"], problem.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/channels/weidian/mapping")).StatusCode);
    }
}
