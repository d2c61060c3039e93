using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using OrderActors.Grains;
using OrderActors.Runtime;

namespace OrderActors.Api.Errors;

/// <summary>
/// The one place where exceptions become HTTP answers: RFC 9457 ProblemDetails with a stable <c>type</c> per code and a
/// <c>code</c> extension. Domain and request errors carry their message; anything unexpected is a 500 without exception text.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer, and it is not a server fault worth an error log.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = Map(exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (exception is InconsistentStateException or GrainCallTimeoutException or WaitCycleException)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    internal static ProblemDetails Map(Exception exception) => exception switch
    {
        DomainException domain => Problems.FromDomain(domain.Kind, domain.Code, domain.Message, domain.Field),
        RequestValidationException invalid => Problems.Validation(invalid.Code, invalid.Errors),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => Problems.TooLarge(),
        BadHttpRequestException { InnerException: JsonException json } => Problems.MalformedJson(json),
        BadHttpRequestException bad => Problems.BadParameter(bad),
        JsonException json => Problems.MalformedJson(json),
        InconsistentStateException => Problems.Create(StatusCodes.Status503ServiceUnavailable, "storage.conflict", "Try again", "The resource was changed concurrently; retry the request."),
        WaitCycleException => Problems.Create(StatusCodes.Status409Conflict, "request.conflict", "Conflicting request", "A concurrent request on the same orders or stock was in progress and this one would have waited for it for ever; nothing was changed by this step. Look at the orders and retry if still needed."),
        GrainCallTimeoutException => Problems.Create(StatusCodes.Status503ServiceUnavailable, "grain.timeout", "Try again", "The request timed out inside the service; retry the request."),
        _ => Problems.Create(StatusCodes.Status500InternalServerError, "server.error", "Internal server error", "An unexpected error occurred."),
    };

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
