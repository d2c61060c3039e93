namespace OrderActors.Client.Contracts;

/// <summary>
/// Where one canonical value comes from: <see cref="Path"/> (e.g. <c>shipping_address.name</c>, <c>post_addr.province.name</c>),
/// or several <see cref="Paths"/> (the first present one, or all present ones joined by <see cref="Join"/>);
/// numbers multiplied by <see cref="Scale"/>; <see cref="TrueWhen"/> turns the value into true/false
/// (true when it is one of the listed values; without the list, when it is present and not empty); <see cref="Default"/> when absent.
/// A time (<c>paidAt</c>) is read as <see cref="Format"/> says: <c>unix-s</c>, <c>unix-ms</c> or <c>iso8601</c>; without one, as
/// ISO 8601, <c>yyyy-MM-dd HH:mm:ss</c> in UTC+8, or Unix seconds.
/// A list field (<c>promotions</c>, <c>tags</c>) takes every value its paths name (a path may use <c>[*]</c> once, e.g.
/// <c>discount_codes[*].code</c>; a path naming an array takes its elements), with text split on <see cref="Join"/> when given.
/// </summary>
public sealed record FieldMapping
{
    public string? Path { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }

    public string? Join { get; init; }

    public decimal? Scale { get; init; }

    public IReadOnlyList<string>? TrueWhen { get; init; }

    public string? Default { get; init; }

    public string? Format { get; init; }
}
