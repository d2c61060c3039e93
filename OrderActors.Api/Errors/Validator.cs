using System.Diagnostics.CodeAnalysis;

namespace OrderActors.Api.Errors;

/// <summary>Collects field errors of one request; <see cref="ThrowIfInvalid"/> raises them together as one 400.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    public bool Required([NotNullWhen(true)] string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return false;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return false;
        }

        return true;
    }

    public bool Required<T>([NotNullWhen(true)] T? value, string field)
        where T : class
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        return true;
    }

    public bool Positive([NotNullWhen(true)] int? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        if (value <= 0)
        {
            Add(field, "must be positive");
            return false;
        }

        return true;
    }

    public bool NotNegative([NotNullWhen(true)] int? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        if (value < 0)
        {
            Add(field, "must not be negative");
            return false;
        }

        return true;
    }

    public bool NotNegative([NotNullWhen(true)] decimal? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        if (value < 0)
        {
            Add(field, "must not be negative");
            return false;
        }

        return true;
    }

    public void ThrowIfInvalid(string code = "request.invalid")
    {
        if (!IsValid)
        {
            throw new RequestValidationException(code, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
