using System.Security.Claims;
using OrderActors.Api.Auth;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

public sealed class CallerAccessTests
{
    [Theory]
    [InlineData(ApiRoles.Admin, true, true)]
    [InlineData(ApiRoles.CustomerService, true, true)]
    [InlineData(ApiRoles.Warehouse, false, true)]
    [InlineData(ApiRoles.Finance, true, false)]
    [InlineData(ApiRoles.Sales, true, false)]
    [InlineData(ApiRoles.Integration, true, true)]
    public void From_KeyWithOneRole_SeesAmountsAndPiiByThatRole(string role, bool amounts, bool pii)
    {
        var access = CallerAccess.From(Key("k1", role));

        Assert.Equal(new CallerAccess("key:k1", amounts, pii), access);
    }

    [Fact]
    public void From_WarehouseKeyThatIsAlsoFinance_SeesBoth()
    {
        var access = CallerAccess.From(Key("k2", ApiRoles.Warehouse, ApiRoles.Finance));

        Assert.Equal(new CallerAccess("key:k2", SeesAmounts: true, SeesPii: true), access);
    }

    [Fact]
    public void From_NoKey_IsAnonymousAndSeesNeither()
    {
        var access = CallerAccess.From(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Same(CallerAccess.Anonymous, access);
        Assert.False(access.SeesAmounts || access.SeesPii);
    }

    private static ClaimsPrincipal Key(string id, params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
