namespace OrderActors.Runtime;

/// <summary>
/// Names a grain class's type in <see cref="GrainId"/>s and storage (e.g. <c>[GrainType("order")]</c>).
/// Without it the name is the class name without a trailing <c>Grain</c>, lower-cased.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}
