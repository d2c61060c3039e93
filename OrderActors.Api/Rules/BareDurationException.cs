using System.Text.Json;

namespace OrderActors.Api.Rules;

/// <summary>A rule section's duration was a bare number (<see cref="RuleDurationConverter"/>); the serializer fills in <see cref="JsonException.Path"/>.</summary>
internal sealed class BareDurationException : JsonException
{
    public BareDurationException()
        : base("A duration needs a unit.")
    {
    }

    public BareDurationException(string message)
        : base(message)
    {
    }

    public BareDurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
