namespace OrderActors.Api.Errors;

/// <summary>Stable problem <c>type</c> URIs: one per error code, so clients can switch on them.</summary>
public static class ProblemTypes
{
    public const string BaseUri = "https://orderactors.dev/problems/";

    public static string For(string code) => BaseUri + code;
}
