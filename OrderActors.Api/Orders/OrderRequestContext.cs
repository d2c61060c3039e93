using Microsoft.AspNetCore.Http;
using OrderActors.Api.Auth;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;

namespace OrderActors.Api.Orders;

/// <summary>What every order endpoint needs: the grains and who is calling (bundled with <c>[AsParameters]</c>).</summary>
public readonly record struct OrderRequestContext(IGrainFactory Grains, HttpContext Http)
{
    public CallerAccess Access => CallerAccess.From(Http.User);

    public string Actor => Access.Actor;

    public IOrderGrain Order(string id) => Grains.GetGrain<IOrderGrain>(id);
}
