namespace OrderActors.Api.Errors;

/// <summary>The request is malformed: one or more fields are wrong. Mapped to 400 ProblemDetails with <c>errors</c> keyed by field path.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(string code, IReadOnlyDictionary<string, string[]> errors)
        : base("The request is not valid.")
    {
        Code = code;
        Errors = errors;
    }

    public RequestValidationException()
        : this("request.invalid", new Dictionary<string, string[]>())
    {
    }

    public RequestValidationException(string message) : base(message)
    {
        Code = "request.invalid";
        Errors = new Dictionary<string, string[]>();
    }

    public RequestValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Code = "request.invalid";
        Errors = new Dictionary<string, string[]>();
    }

    public string Code { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
