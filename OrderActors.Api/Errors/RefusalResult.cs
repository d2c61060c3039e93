using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Orders;

namespace OrderActors.Api.Errors;

/// <summary>
/// A refusal that came back from a grain as a value, answered byte for byte as <see cref="ApiExceptionHandler"/> answers
/// the same <see cref="OrderActors.Grains.DomainException"/> thrown: the status, the ProblemDetails written through
/// <see cref="IProblemDetailsService"/> (so <c>instance</c> and <c>traceId</c> are added the same way), the no-cache headers
/// the exception handler middleware puts on every answer it produces, and an empty body when the client accepts no JSON
/// (status code pages never saw the exception either). Without throwing, a sold-out checkout skips the exception's
/// capture and rethrow at every await between the SKU grain and the API.
/// </summary>
public sealed class RefusalResult(ProblemDetails problem) : IResult, IStatusCodeHttpResult
{
    public RefusalResult(PlaceRefusal refusal)
        : this(Problems.FromDomain(refusal.Kind, refusal.Code, refusal.Message, refusal.Field))
    {
    }

    public ProblemDetails Problem => problem;

    public int? StatusCode => problem.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        response.OnStarting(static state => NoCache((HttpResponse)state), response);
        if (httpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    private static Task NoCache(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-cache,no-store";
        headers.Pragma = "no-cache";
        headers.Expires = "-1";
        headers.ETag = default;
        return Task.CompletedTask;
    }
}
