using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OrderActors.Api.Errors;

/// <summary>
/// Caps every request body at <see cref="ApiOptions.MaxRequestBodyBytes"/>: a declared length over the cap is refused
/// before anything is read (413 ProblemDetails); a body that turns out longer is stopped by the server's own limit.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problemDetails)
{
    // Not async: a request within the cap goes straight on without a state machine of its own.
    public Task InvokeAsync(HttpContext context)
    {
        var max = options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max;
        }

        if (context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.TooLarge() }).AsTask();
        }

        return next(context);
    }
}
