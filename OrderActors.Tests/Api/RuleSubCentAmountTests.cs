using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrderActors.Tests.Api;

/// <summary>
/// The amounts of a rule section (approval tiers, the price anomaly check's reference prices and floors) are whole cents,
/// as an order's amounts are: finer is a 400 naming the field, and the rule book stays as it was. Ratios keep their digits.
/// </summary>
public sealed class RuleSubCentAmountTests
{
    public static TheoryData<string, string, string, string> SubCentSections => new()
    {
        { "sqlite", "approval", """{"tiers": [{"minAmount": 1000, "role": "sales"}, {"minAmount": 50000.005, "role": "admin"}]}""", "tiers[1].minAmount" },
        { "postgres", "approval", """{"tiers": [{"minAmount": 0.001, "role": "sales"}]}""", "tiers[0].minAmount" },
        { "sqlite", "exceptions", """{"priceAnomaly": {"referencePrices": {"SKU-1": 99.999}}}""", "priceAnomaly.referencePrices.SKU-1" },
        { "postgres", "exceptions", """{"priceAnomaly": {"floors": {"SKU-1": 9.995}}}""", "priceAnomaly.floors.SKU-1" },
    };

    [Theory]
    [MemberData(nameof(SubCentSections))]
    public async Task PutSection_AmountFinerThanACent_Is400NamingItAndChangesNothing(string provider, string section, string body, string field)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var before = await admin.GetStringAsync("/api/rules");

        var response = await admin.PutAsync($"/api/rules/{section}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", field);
        Assert.Equal("must have at most 2 decimal places", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await admin.GetStringAsync("/api/rules"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PutSection_WholeCentAmountsWithTrailingZerosAndFineRatios_AreTaken(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();

        var approval = await admin.PutAsync("/api/rules/approval", new StringContent("""{"tiers": [{"minAmount": 50000.500, "role": "sales"}]}""", Encoding.UTF8, "application/json"));
        var exceptions = await admin.PutAsync("/api/rules/exceptions", new StringContent(
            """{"priceAnomaly": {"minRatio": 0.333, "referencePrices": {"SKU-1": 99.90}, "floors": {"SKU-1": 10.100}}}""", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (approval.StatusCode, exceptions.StatusCode));
        var book = await admin.GetFromJsonAsync<JsonElement>("/api/rules");
        Assert.Equal(50000.5m, book.GetProperty("approval").GetProperty("tiers")[0].GetProperty("minAmount").GetDecimal());
        var price = book.GetProperty("exceptions").GetProperty("priceAnomaly");
        Assert.Equal((0.333m, 99.9m, 10.1m), (price.GetProperty("minRatio").GetDecimal(), price.GetProperty("referencePrices").GetProperty("SKU-1").GetDecimal(), price.GetProperty("floors").GetProperty("SKU-1").GetDecimal()));
    }
}
