using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// Optimistic concurrency on a rule section, as on a SKU's settings: its read gives the section's version as an ETag, and
/// a replacement with If-Match is made only while the section is still at that version (412 <c>rules.changed</c>
/// otherwise, nothing changed). Before, PUT took no If-Match: the second of two operators editing the same section
/// overwrote the first one's change without either being told.
/// </summary>
public sealed class RuleSectionVersionTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PutSection_TwoOperatorsEditTheVersionTheyBothRead_TheSecondIs412AndTheFirstChangeStays(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var read = await admin.GetAsync("/api/rules/approval");
        var etag = read.Headers.ETag!.Tag;

        var first = await PutAsync(admin, "approval", """{"tiers": [{"minAmount": 1000, "role": "sales"}]}""", etag);
        var second = await PutAsync(admin, "approval", """{"tiers": [{"minAmount": 9000, "role": "finance"}]}""", etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await ProblemAssert.IsAsync(second, HttpStatusCode.PreconditionFailed, "rules.changed", "If-Match");
        Assert.Contains($"version {Unquote(etag)}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var approval = await admin.GetFromJsonAsync<JsonElement>("/api/rules/approval");
        var tier = Assert.Single(approval.GetProperty("tiers").EnumerateArray());
        Assert.Equal((1000m, "sales"), (tier.GetProperty("minAmount").GetDecimal(), tier.GetProperty("role").GetString()));
        Assert.Equal(first.Headers.ETag, (await admin.GetAsync("/api/rules/approval")).Headers.ETag);
    }

    [Fact]
    public async Task GetAndPutSection_IfMatchOfTheCurrentVersion_ChangesAndAnswersTheSectionsNewVersionAsETag()
    {
        var admin = shared.Host.Admin();
        var read = await admin.GetAsync("/api/rules/sla");
        var version = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

        var put = await PutAsync(admin, "sla", """{"review": "00:20:00"}""", read.Headers.ETag!.Tag);

        Assert.Equal(new EntityTagHeaderValue($"\"{version}\""), read.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("00:20:00", body.GetProperty("review").GetString());
        Assert.Equal(new EntityTagHeaderValue($"\"{body.GetProperty("version").GetInt64()}\""), put.Headers.ETag);
        Assert.True(body.GetProperty("version").GetInt64() > version);
    }

    [Fact]
    public async Task PutSection_AfterAnotherSectionChanged_IfMatchOfThisSectionsReadStillHolds()
    {
        var admin = shared.Host.Admin();
        var allocation = await admin.GetAsync("/api/rules/allocation");
        (await PutAsync(admin, "exceptions", "{}", "*")).EnsureSuccessStatusCode();

        var put = await PutAsync(admin, "allocation", """{"fallbackByStock": false}""", allocation.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>("/api/rules/allocation")).GetProperty("fallbackByStock").GetBoolean());
    }

    [Theory]
    [InlineData("W/\"0\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"abc\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"99999\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("\"0\", \"1\"", HttpStatusCode.BadRequest)]
    public async Task PutSection_IfMatchThatIsNotTheSectionsTag_IsRefusedNamingIfMatchAndChangesNothing(string ifMatch, HttpStatusCode status)
    {
        var admin = shared.Host.Admin();
        var before = await admin.GetStringAsync("/api/rules");

        var response = await PutAsync(admin, "sla", """{"review": "00:05:00"}""", ifMatch);

        await ProblemAssert.IsAsync(response, status, status == HttpStatusCode.BadRequest ? "request.bad_header" : "rules.changed", "If-Match");
        Assert.Equal(before, await admin.GetStringAsync("/api/rules"));
    }

    private static string Unquote(string tag) => tag.Trim('"');

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string section, string body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/rules/{section}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }
}
