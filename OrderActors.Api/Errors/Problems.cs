using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OrderActors.Api.Errors;

/// <summary>Builds the ProblemDetails bodies the API answers with, so every error has the same shape.</summary>
public static class Problems
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

    public static ProblemDetails MalformedJson(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        return Validation("request.malformed_json", new Dictionary<string, string[]> { [field] = ["is not valid JSON for this field"] });
    }

    public static ProblemDetails TooLarge() =>
        Create(StatusCodes.Status413PayloadTooLarge, "request.too_large", "Request body too large", "The request body is larger than the service accepts.");

    public static IResult Result(ProblemDetails problem) => TypedResults.Problem(problem);

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
