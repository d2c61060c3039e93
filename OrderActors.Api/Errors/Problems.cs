using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using OrderActors.Api.Rules;
using OrderActors.Grains;
using Durations = OrderActors.Client.Contracts.Durations;

namespace OrderActors.Api.Errors;

/// <summary>Builds the ProblemDetails bodies the API answers with, so every error has the same shape.</summary>
public static partial class Problems
{
    public static ProblemDetails Create(int status, string code, string title, string? detail)
    {
        var problem = new ProblemDetails { Status = status, Type = ProblemTypes.For(code), Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }

    public static ProblemDetails Validation(string code, IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.For(code),
            Title = "The request is not valid",
            Detail = errors.Count == 1 ? $"{errors.Keys.First()}: {string.Join("; ", errors.Values.First())}" : "See errors for the fields that are wrong.",
        };
        problem.Extensions["code"] = code;
        if (errors.Count >= 1)
        {
            problem.Extensions["field"] = errors.Keys.First();
        }

        return problem;
    }

    /// <summary>
    /// A business rule's refusal: 400 with the field's error for validation, else 404, 409 or 403 with the message as
    /// detail. One mapping for a thrown <see cref="DomainException"/> and for a refusal returned as a value.
    /// </summary>
    public static ProblemDetails FromDomain(DomainErrorKind kind, string code, string message, string? field)
    {
        if (kind == DomainErrorKind.Validation)
        {
            var errorField = field ?? "request";
            var problem = Validation(code, new Dictionary<string, string[]> { [errorField] = [message] });
            problem.Detail = message;
            problem.Extensions["field"] = errorField;
            return problem;
        }

        var status = kind switch
        {
            DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
            DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
            DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            DomainErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            _ => StatusCodes.Status400BadRequest,
        };
        var result = Create(status, code, TitleFor(kind), message);
        if (field is not null)
        {
            result.Extensions["field"] = field;
        }

        return result;
    }

    public static ProblemDetails MalformedJson(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        if (json is ForbiddenCharacterException forbidden)
        {
            // request.invalid, as the Validator's own character checks (PlainCode) answer: one code for a bad character.
            return Validation("request.invalid", new Dictionary<string, string[]> { [field] = [TextRules.Describe(forbidden.Character)] });
        }

        if (json is BareDurationException)
        {
            return Validation("request.invalid", new Dictionary<string, string[]> { [field] = [Durations.BareNumberProblem] });
        }

        // The serializer names a property given twice in its message (System.Text.Json's English text: the runtime has
        // no other); its path is that property's, except in a body read whole as JSON, where it is the body's.
        var duplicate = DuplicatePropertyMessage().Match(json.Message);
        return duplicate.Success
            ? Validation("request.malformed_json", new Dictionary<string, string[]>
            {
                [field] = [field == "body" ? $"gives the property '{duplicate.Groups["name"].Value}' more than once" : "is given more than once"],
            })
            : Validation("request.malformed_json", new Dictionary<string, string[]> { [field] = ["is not valid JSON for this field"] });
    }

    [GeneratedRegex(@"^Duplicate property '(?<name>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex DuplicatePropertyMessage();

    /// <summary>
    /// A parameter ASP.NET Core could not bind (a query value of the wrong type, a missing body): 400 naming the
    /// parameter, which its message gives in quotes as "type name" (<c>Failed to bind parameter "int limit" from "abc".</c>).
    /// </summary>
    public static ProblemDetails BadParameter(BadHttpRequestException bad)
    {
        if (bad.Message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal))
        {
            // A body without a Content-Type: the same mistake as a body of another type, which is a 415.
            var problem = Create(StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaTypeCode, "Unsupported media type", "Send the body as JSON, with Content-Type: application/json.");
            problem.Extensions["field"] = ContentTypeField;
            return problem;
        }

        var match = BindingMessage().Match(bad.Message);
        if (!match.Success)
        {
            return Create(StatusCodes.Status400BadRequest, "request.bad", "Bad request", bad.Message);
        }

        // A missing body names its parameter's C# name, which the caller never sees: the field is the body.
        var field = bad.Message.Contains(" body", StringComparison.Ordinal) ? "body" : match.Groups["name"].Value;
        return Validation("request.bad_parameter", new Dictionary<string, string[]> { [field] = [bad.Message] });
    }

    [GeneratedRegex(@"parameter ""(?:[^"" ]+ )?(?<name>[^"" ]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex BindingMessage();

    /// <summary>
    /// Gives a problem the framework wrote itself (status code pages: an unknown route, a method the route does not
    /// take, a body that is not JSON, a bare <c>NotFound()</c>) the <c>code</c> and <c>type</c> every answer of this API
    /// carries, from its status: <c>request.not_found</c>, <c>request.method_not_allowed</c>,
    /// <c>request.unsupported_media_type</c> (which names <c>Content-Type</c>). Problems that have a code keep it.
    /// </summary>
    public static void Complete(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        var code = status switch
        {
            >= 500 => "server.error",
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaTypeCode,
            _ => "request." + SnakeCase(ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : "bad"),
        };
        problem.Type = ProblemTypes.For(code);
        problem.Extensions["code"] = code;
        if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            problem.Detail ??= "Send the body as JSON, with Content-Type: application/json.";
            problem.Extensions["field"] = ContentTypeField;
        }
    }

    private const string UnsupportedMediaTypeCode = "request.unsupported_media_type";

    private const string ContentTypeField = "Content-Type";

    private static string SnakeCase(string reason) =>
        string.Join('_', reason.Split(' ', '-', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public static ProblemDetails TooLarge() =>
        Create(StatusCodes.Status413PayloadTooLarge, "request.too_large", "Request body too large", "The request body is larger than the service accepts.");

    public static IResult Result(ProblemDetails problem) => TypedResults.Problem(problem);

    private static string TitleFor(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => "Not found",
        DomainErrorKind.Conflict => "Conflict",
        DomainErrorKind.Forbidden => "Forbidden",
        DomainErrorKind.PreconditionFailed => "Precondition failed",
        _ => "Bad request",
    };

    /// <summary><c>$.lines[0].quantity</c> → <c>lines[0].quantity</c>; the root is <c>body</c>.</summary>
    public static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }
}
