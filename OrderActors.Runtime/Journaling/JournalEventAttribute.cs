namespace OrderActors.Runtime.Journaling;

/// <summary>
/// Gives an event type its stable stored name (e.g. <c>[JournalEvent("order.paid")]</c>), so classes can be renamed
/// without breaking stored journals. Every event appended to a journal must carry it; names are unique per assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class JournalEventAttribute(string name) : Attribute
{
    /// <summary>The stored event type name.</summary>
    public string Name { get; } = name;
}
