using Microsoft.AspNetCore.Http;
using OrderActors.Api.Auth;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;

namespace OrderActors.Api.Orders;

/// <summary>What every order endpoint needs: the grains and who is calling (bundled with <c>[AsParameters]</c>).</summary>
public readonly record struct OrderRequestContext(IGrainFactory Grains, HttpContext Http)
{
    // Worked out once per request, when the binder constructs this, not on every read: handlers read Actor and Access
    // both, and each read scanned the caller's claims and allocated.
    public CallerAccess Access { get; } = CallerAccess.From(Http.User);

    public string Actor => Access.Actor;

    public IOrderGrain Order(string id) => Grains.GetGrain<IOrderGrain>(RouteKeys.Decode(id));
}
