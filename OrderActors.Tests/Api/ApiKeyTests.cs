using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class ApiKeyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RevokeKey_NextRequest_Is401AtOnce(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var created = await (await host.Admin().PostAsJsonAsync("/api/keys", new CreateApiKeyRequest("ops", [ApiRoles.Admin]))).Content.ReadFromJsonAsync<ApiKeyCreated>();
        var client = host.WithKey(created!.Key);
        var before = await client.GetAsync("/api/keys");

        var revoke = await host.Admin().DeleteAsync($"/api/keys/{created.Id}");
        var after = await client.GetAsync("/api/keys");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    /// <summary>Revoking the last admin key locked every admin out until a restart; it is refused until another exists.</summary>
    [Fact]
    public async Task RevokeKey_TheLastAdminKey_Is409UntilAnotherAdminKeyExists()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        var sales = await (await admin.PostAsJsonAsync("/api/keys", new CreateApiKeyRequest("sales", [ApiRoles.Sales]))).Content.ReadFromJsonAsync<ApiKeyCreated>();

        var refused = await admin.DeleteAsync("/api/keys/bootstrap");
        var stillWorks = await admin.GetAsync("/api/keys");
        var other = await (await admin.PostAsJsonAsync("/api/keys", new CreateApiKeyRequest("ops", [ApiRoles.Admin]))).Content.ReadFromJsonAsync<ApiKeyCreated>();
        var revoked = await admin.DeleteAsync("/api/keys/bootstrap");
        var lastAgain = await host.WithKey(other!.Key).DeleteAsync($"/api/keys/{other.Id}");
        var salesRevoked = await host.WithKey(other.Key).DeleteAsync($"/api/keys/{sales!.Id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("keys.last_admin", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lastAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, salesRevoked.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateKey_NonAdminRole_Is403Problem(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var warehouse = await host.WithRolesAsync(ApiRoles.Warehouse);

        var response = await warehouse.PostAsJsonAsync("/api/keys", new CreateApiKeyRequest("x", [ApiRoles.Admin]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/auth.forbidden", problem!.Type);
    }

    [Fact]
    public async Task CreateKey_UnknownRole_Is400NamingTheRoleAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.Admin().PostAsJsonAsync("/api/keys", new CreateApiKeyRequest("x", [ApiRoles.Sales, "root"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal(["roles[1]"], problem!.Errors.Keys);
        var keys = await host.Admin().GetFromJsonAsync<List<ApiKeyView>>("/api/keys");
        Assert.Equal(["bootstrap"], keys!.Select(k => k.Id));
    }

    [Fact]
    public async Task WrongKey_Is401()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.WithKey("oa_bootstrap_wrong").GetAsync("/api/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/auth.unauthenticated", problem!.Type);
    }

    [Fact]
    public async Task NoKey_Is401Problem()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.CreateClient().GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/auth.unauthenticated", problem!.Type);
    }

    [Fact]
    public async Task FirstStart_WithoutConfiguredKey_WritesAWorkingAdminKeyFile()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), "orderactors-tests", $"admin-{Guid.NewGuid():N}.key");
        var storage = TestDatabases.Sqlite("bootstrap");
        await using var host = new ApiTestHost(storage, settings: new Dictionary<string, string?>
        {
            ["OrderActors:Auth:AdminKeyFile"] = keyFile,
            ["OrderActors:Auth:BootstrapAdminKey"] = string.Empty,
        });
        _ = host.Server;

        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        var response = await host.WithKey(key).GetAsync("/api/keys");

        Assert.StartsWith("oa_bootstrap_", key, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
