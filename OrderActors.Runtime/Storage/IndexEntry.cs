namespace OrderActors.Runtime.Storage;

/// <summary>
/// One query index entry of a grain: a name and a text value, compared as text (ordinal). Times are written with
/// <see cref="IndexValues.Time"/> and numbers with <see cref="IndexValues.Number"/> so that text order is value order.
/// Multi-valued facts use one entry per value with the value in the name (e.g. <c>hold:address_missing</c> = <c>1</c>).
/// </summary>
public sealed record IndexEntry(string Name, string Value);
