using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrderActors.Tests.Api;

/// <summary>
/// A rule section is replaced whole, and what it leaves out takes its default. A misspelt property was skipped, so the
/// PUT answered 200 and put the check it meant back to its default: the operator's blacklist was gone, and nothing said
/// so. Now a property the section does not have is a 400 naming it, and the section stays as it was.
/// </summary>
public sealed class RuleSectionInputTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Theory]
    [InlineData("exceptions", """{"blacklist": {"enabled": true, "phones": ["13800000000"]}}""", "blacklist")]
    [InlineData("exceptions", """{"blacklisted": {"enabled": true, "phone": ["13800000000"]}}""", "blacklisted.phone")]
    [InlineData("allocation", """{"rules": [{"warehouse": "GZ", "province": ["广东省"]}]}""", "rules[0].province")]
    [InlineData("sla", """{"review": "00:10:00", "shiping": "01:00:00"}""", "shiping")]
    [InlineData("approval", """{"tiers": [{"minAmount": 1000, "role": "sales"}], "teirs": []}""", "teirs")]
    public async Task PutSection_PropertyTheSectionDoesNotHave_Is400NamingItAndChangesNothing(string section, string body, string field)
    {
        var admin = shared.Host.Admin();
        var before = await admin.GetStringAsync("/api/rules");

        var response = await admin.PutAsync($"/api/rules/{section}", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.malformed_json", field);
        Assert.Equal(before, await admin.GetStringAsync("/api/rules"));
    }

    [Fact]
    public async Task PutSection_WhatItsGetAnswered_IsTakenBack()
    {
        var admin = shared.Host.Admin();
        var sla = await admin.GetFromJsonAsync<JsonElement>("/api/rules/sla");

        var response = await admin.PutAsJsonAsync("/api/rules/sla", sla);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sla.GetProperty("review").GetString(), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review").GetString());
    }
}
