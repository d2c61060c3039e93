namespace OrderActors.Client.Contracts;

/// <summary>
/// How one channel's order payload becomes a canonical order: a JSON path (or several) in the platform payload per canonical
/// field, with optional unit scaling (e.g. Douyin amounts in fen: <c>scale: 0.01</c>). A new channel is a new document, not code.
/// </summary>
public sealed record ChannelMappingDocument
{
    /// <summary>Increases by one on every accepted replacement.</summary>
    public int Version { get; init; }

    /// <summary>Canonical field name (see <c>CanonicalFields</c>) → where it comes from.</summary>
    public IReadOnlyDictionary<string, FieldMapping>? Fields { get; init; }

    /// <summary>The array of order lines and, per line, where sku/quantity/unitPrice come from.</summary>
    public LineMapping? Lines { get; init; }
}
