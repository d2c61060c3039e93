using Microsoft.AspNetCore.Builder;
using OrderActors.Client.Contracts;

namespace OrderActors.Api.Auth;

/// <summary>Applies role rules to endpoints and groups; <c>admin</c> is always allowed.</summary>
public static class RoleRequirements
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationDefaults.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole([ApiRoles.Admin, .. roles]));
}
