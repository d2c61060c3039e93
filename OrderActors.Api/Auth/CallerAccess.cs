using System.Security.Claims;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;

namespace OrderActors.Api.Auth;

/// <summary>
/// What the caller may see. Amounts: every role except a key that is only <c>warehouse</c>.
/// PII (full name, phone and address): <c>admin</c>, <c>cs</c> (talks to customers), <c>warehouse</c> (ships to them) and
/// <c>integration</c> (syncs orders to ERP/WMS and reads the raw change feed); <c>finance</c> and <c>sales</c> see them masked.
/// </summary>
public sealed record CallerAccess(string Actor, bool SeesAmounts, bool SeesPii)
{
    private static readonly string[] AmountRoles = [ApiRoles.Admin, ApiRoles.CustomerService, ApiRoles.Finance, ApiRoles.Sales, ApiRoles.Integration];
    private static readonly string[] PiiRoles = [ApiRoles.Admin, ApiRoles.CustomerService, ApiRoles.Warehouse, ApiRoles.Integration];

    public static CallerAccess Anonymous { get; } = new("anonymous", SeesAmounts: false, SeesPii: false);

    public static CallerAccess From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return Anonymous;
        }

        return new CallerAccess($"key:{id}", IsInAnyRole(user, AmountRoles), IsInAnyRole(user, PiiRoles));
    }

    private static bool IsInAnyRole(ClaimsPrincipal user, string[] roles)
    {
        foreach (var role in roles)
        {
            if (user.IsInRole(role))
            {
                return true;
            }
        }

        return false;
    }

    public string? Phone(string? phone) => SeesPii ? phone : Masking.Phone(phone);

    public string? Address(string? detail) => SeesPii ? detail : Masking.Address(detail);

    public string? Name(string? name) => SeesPii ? name : Masking.Name(name);

    /// <summary>A buyer's or carrier's free text, with the phone numbers and e-mail addresses in it masked (<see cref="Masking.FreeText"/>).</summary>
    public string? FreeText(string? text) => SeesPii ? text : Masking.FreeText(text);

    public decimal? Amount(decimal amount) => SeesAmounts ? amount : null;

    /// <summary>Whether this caller may read a text that reveals <paramref name="reveals"/>: the same rule as for the fields.</summary>
    public bool MaySee(SensitiveData reveals) =>
        (SeesPii || (reveals & SensitiveData.PersonalData) == 0) && (SeesAmounts || (reveals & SensitiveData.Amounts) == 0);
}
