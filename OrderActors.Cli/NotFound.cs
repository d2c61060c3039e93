using System.Net;
using OrderActors.Client.Http;

namespace OrderActors.Cli;

/// <summary>
/// The API's bare 404 (<c>request.not_found</c>) names nothing; the command knows what it asked for. "Not Found" after
/// <c>keys revoke</c> did not tell a key that is not there from a silo without the endpoint.
/// </summary>
public static class NotFound
{
    /// <summary>Runs <paramref name="call"/>; a bare 404 becomes one whose detail is <paramref name="what"/>.</summary>
    public static async Task NamedAsync(Task call, string what)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call;
        }
        catch (OrderActorsApiException bare) when (bare.Status == HttpStatusCode.NotFound && bare.Detail is null && bare.Code is null or ErrorReporter.GenericNotFound)
        {
            throw new OrderActorsApiException(bare.Status, bare.Code, bare.Title, what, bare.Errors, bare.RetryAfter);
        }
    }
}
