using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// Optimistic concurrency on a SKU's settings: GET gives their version as an ETag, a change with If-Match is made only
/// while they are still at that version (412 <c>stock.settings_changed</c> otherwise, nothing changed), and PATCH
/// changes only the settings it names.
/// </summary>
public sealed class StockSettingsVersionTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Fact]
    public async Task GetSettings_AfterTwoChanges_GivesVersionTwoAsETagAndInTheBody()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-SV1", 10);
        (await admin.PutAsJsonAsync("/api/stock/SKU-SV1/settings", new StockSettingsRequest(1, 2, 0))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/stock/SKU-SV1/settings", new StockSettingsRequest(1, 3, 0))).EnsureSuccessStatusCode();

        var response = await admin.GetAsync("/api/stock/SKU-SV1/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new EntityTagHeaderValue("\"2\""), response.Headers.ETag);
        Assert.Equal(new StockSettingsDto("SKU-SV1", 1, 3, 0, 2), await response.Content.ReadFromJsonAsync<StockSettingsDto>());
        Assert.Equal(2, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-SV1"))!.SettingsVersion);
    }

    [Fact]
    public async Task PutSettings_IfMatchOfAVersionSomeoneElseChanged_Is412AndChangesNothing()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-SV2", 10);
        var read = await admin.GetAsync("/api/stock/SKU-SV2/settings");
        (await admin.PutAsJsonAsync("/api/stock/SKU-SV2/settings", new StockSettingsRequest(2, 0, 0))).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync("/api/stock/SKU-SV2");

        var stale = await SendAsync(admin, HttpMethod.Put, "SKU-SV2", new StockSettingsRequest(0, 5, 0), read.Headers.ETag!.Tag);

        var problem = await ProblemAssert.IsAsync(stale, HttpStatusCode.PreconditionFailed, "stock.settings_changed", "If-Match");
        Assert.Contains("version 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await admin.GetStringAsync("/api/stock/SKU-SV2"));
        Assert.Equal(new StockSettingsDto("SKU-SV2", 2, 0, 0, 1), await admin.GetFromJsonAsync<StockSettingsDto>("/api/stock/SKU-SV2/settings"));
    }

    [Fact]
    public async Task PutAndPatchSettings_IfMatchOfTheCurrentVersion_ChangeAndAnswerTheNextETag()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-SV3", 10);
        var read = await admin.GetAsync("/api/stock/SKU-SV3/settings");

        var put = await SendAsync(admin, HttpMethod.Put, "SKU-SV3", new StockSettingsRequest(1, 4, 0), read.Headers.ETag!.Tag);
        var patch = await SendAsync(admin, HttpMethod.Patch, "SKU-SV3", new StockSettingsRequest(null, null, 6), put.Headers.ETag!.Tag);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (put.StatusCode, patch.StatusCode));
        Assert.Equal(("\"0\"", "\"1\"", "\"2\""), (read.Headers.ETag.Tag, put.Headers.ETag.Tag, patch.Headers.ETag!.Tag));
        Assert.Equal(new StockSettingsDto("SKU-SV3", 1, 4, 6, 2), await admin.GetFromJsonAsync<StockSettingsDto>("/api/stock/SKU-SV3/settings"));
    }

    [Fact]
    public async Task PatchSettings_TwoPeopleChangingDifferentSettings_BothChangesStay()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-SV4", 10);
        (await admin.PutAsJsonAsync("/api/stock/SKU-SV4/settings", new StockSettingsRequest(1, 2, 3))).EnsureSuccessStatusCode();

        var safety = await admin.PatchAsJsonAsync("/api/stock/SKU-SV4/settings", new StockSettingsRequest(5, null, null));
        var presale = await admin.PatchAsJsonAsync("/api/stock/SKU-SV4/settings", new { presaleAllowance = 7 });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (safety.StatusCode, presale.StatusCode));
        var stock = (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-SV4"))!;
        Assert.Equal((5, 2, 7, 3), (stock.SafetyStock, stock.LowStockThreshold, stock.PresaleAllowance, stock.SettingsVersion));
    }

    [Fact]
    public async Task PatchSettings_NoSettingOrANegativeOne_Is400NamingTheFieldAndChangesNothing()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-SV5", 10);
        var before = await admin.GetStringAsync("/api/stock/SKU-SV5");

        var empty = await admin.PatchAsJsonAsync("/api/stock/SKU-SV5/settings", new { });
        var negative = await admin.PatchAsJsonAsync("/api/stock/SKU-SV5/settings", new { lowStockThreshold = -1 });

        await ProblemAssert.IsAsync(empty, HttpStatusCode.BadRequest, "request.invalid", "body");
        await ProblemAssert.IsAsync(negative, HttpStatusCode.BadRequest, "request.invalid", "lowStockThreshold");
        Assert.Equal(before, await admin.GetStringAsync("/api/stock/SKU-SV5"));
    }

    [Fact]
    public async Task PutSettings_WithoutIfMatchOrWithStar_ReplacesAllThreeAsBefore()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-SV6", 10);
        (await admin.PutAsJsonAsync("/api/stock/SKU-SV6/settings", new StockSettingsRequest(1, 2, 3))).EnsureSuccessStatusCode();

        var plain = await admin.PutAsJsonAsync("/api/stock/SKU-SV6/settings", new StockSettingsRequest(4, 5, 6));
        var star = await SendAsync(admin, HttpMethod.Put, "SKU-SV6", new StockSettingsRequest(7, 8, 9), "*");
        var partialPut = await admin.PutAsJsonAsync("/api/stock/SKU-SV6/settings", new { safetyStock = 1 });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (plain.StatusCode, star.StatusCode));
        await ProblemAssert.IsAsync(partialPut, HttpStatusCode.BadRequest, "request.invalid", "lowStockThreshold");
        Assert.Equal(new StockSettingsDto("SKU-SV6", 7, 8, 9, 3), await admin.GetFromJsonAsync<StockSettingsDto>("/api/stock/SKU-SV6/settings"));
    }

    [Fact]
    public async Task SettingsVersion_PastASnapshotAndARestart_IsTheNumberOfChanges()
    {
        var first = await ApiTestHost.StartAsync("sqlite");
        var admin = first.Admin();
        await admin.ReceiveStockAsync("SKU-SV8", 10);
        for (var i = 1; i <= 70; i++)
        {
            (await admin.PatchAsJsonAsync("/api/stock/SKU-SV8/settings", new StockSettingsRequest(null, i, null))).EnsureSuccessStatusCode();
        }

        await first.DisposeAsync();
        await using var second = first.Restart();
        var again = second.Admin();

        var stale = await SendAsync(again, HttpMethod.Patch, "SKU-SV8", new StockSettingsRequest(1, null, null), "\"69\"");
        var current = await SendAsync(again, HttpMethod.Patch, "SKU-SV8", new StockSettingsRequest(1, null, null), "\"70\"");

        await ProblemAssert.IsAsync(stale, HttpStatusCode.PreconditionFailed, "stock.settings_changed", "If-Match");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(new StockSettingsDto("SKU-SV8", 1, 70, 0, 71), await again.GetFromJsonAsync<StockSettingsDto>("/api/stock/SKU-SV8/settings"));
    }

    [Theory]
    [InlineData("W/\"0\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"abc\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("\"0\", \"1\"", HttpStatusCode.BadRequest)]
    public async Task PatchSettings_IfMatchThatIsNotOneOfOurTags_IsRefusedNamingIfMatchAndChangesNothing(string ifMatch, HttpStatusCode status)
    {
        var admin = shared.Host.Admin();
        var sku = $"SKU-SV7-{(int)status}-{ifMatch.Length}";
        await admin.ReceiveStockAsync(sku, 10);
        var before = await admin.GetStringAsync($"/api/stock/{sku}");

        var response = await SendAsync(admin, HttpMethod.Patch, sku, new StockSettingsRequest(1, null, null), ifMatch);

        await ProblemAssert.IsAsync(response, status, status == HttpStatusCode.BadRequest ? "request.bad_header" : "stock.settings_changed", "If-Match");
        Assert.Equal(before, await admin.GetStringAsync($"/api/stock/{sku}"));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string sku, StockSettingsRequest body, string ifMatch)
    {
        var request = new HttpRequestMessage(method, $"/api/stock/{sku}/settings") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
