namespace OrderActors.Grains.Rules;

/// <summary><c>phone_invalid</c>: the buyer's phone (spaces and dashes removed) must match <see cref="Pattern"/>.</summary>
public sealed record PhoneCheck
{
    public bool Enabled { get; init; } = true;

    /// <summary>Default: a mainland mobile number (optionally +86) or an international E.164 number.</summary>
    public string Pattern { get; init; } = @"^(?:(?:\+?86)?1[3-9]\d{9}|\+[1-9]\d{6,14})$";
}
