namespace OrderActors.Runtime;

/// <summary>The identity of a grain: its grain type name (e.g. <c>order</c>) and its string key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Renders as <c>type/key</c>, the form the admin API and CLI use.</summary>
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Parses <c>type/key</c>; the key may itself contain slashes.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
