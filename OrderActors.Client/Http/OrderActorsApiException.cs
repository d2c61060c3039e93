using System.Net;

namespace OrderActors.Client.Http;

/// <summary>
/// The API answered with an error (an RFC 9457 ProblemDetails body, or at least a status): the HTTP status, the stable
/// <see cref="Code"/> (e.g. <c>order.invalid_transition</c>, <c>stock.insufficient</c>), title, detail and, for a 400, the field errors.
/// </summary>
public sealed class OrderActorsApiException : Exception
{
    public OrderActorsApiException(HttpStatusCode status, string? code, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null, TimeSpan? retryAfter = null)
        : base(BuildMessage(status, code, title, detail))
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>(StringComparer.Ordinal);
        RetryAfter = retryAfter;
    }

    public OrderActorsApiException()
        : this(HttpStatusCode.InternalServerError, null, null, null)
    {
    }

    public OrderActorsApiException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
    }

    public OrderActorsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The ProblemDetails <c>code</c> extension (the last segment of its <c>type</c> when the extension is absent).</summary>
    public string? Code { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>Field → messages, from a validation problem (empty otherwise).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The first failing field, when the problem names one.</summary>
    public string? Field => Errors.Keys.FirstOrDefault();

    /// <summary>From <c>Retry-After</c>: the service asks for a retry (a transient conflict, 503/429).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the same request may succeed if sent again (503, 429, or a <c>Retry-After</c>).</summary>
    public bool IsTransient => RetryAfter is not null || Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;

    private static string BuildMessage(HttpStatusCode status, string? code, string? title, string? detail)
    {
        var what = detail ?? title ?? status.ToString();
        return code is null ? $"{what} ({(int)status})" : $"{what} ({(int)status} {code})";
    }
}
