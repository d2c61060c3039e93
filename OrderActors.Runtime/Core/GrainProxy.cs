using System.Collections.Frozen;
using System.Reflection;

namespace OrderActors.Runtime.Core;

/// <summary>
/// The base of generated grain references (<see cref="DispatchProxy"/>): every interface method call becomes a
/// message to the grain's activation through the method's compiled dispatcher.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time
internal class GrainProxy : DispatchProxy
#pragma warning restore CA1852
{
    private GrainRuntime? _runtime;
    private FrozenDictionary<MethodInfo, MethodDispatcher>? _methods;

    public GrainId GrainId { get; private set; }

    public Type? InterfaceType { get; private set; }

    public void Bind(GrainRuntime runtime, GrainId grainId, Type interfaceType, FrozenDictionary<MethodInfo, MethodDispatcher> methods)
    {
        _runtime = runtime;
        GrainId = grainId;
        InterfaceType = interfaceType;
        _methods = methods;
    }

    /// <summary>
    /// A new reference of the same generated proxy type, bound to <paramref name="grainId"/>. A memberwise copy keeps
    /// whatever the generated type holds (its method table) without going through its constructor by reflection.
    /// </summary>
    public GrainProxy CopyFor(GrainRuntime runtime, GrainId grainId, Type interfaceType, FrozenDictionary<MethodInfo, MethodDispatcher> methods)
    {
        var copy = (GrainProxy)MemberwiseClone();
        copy.Bind(runtime, grainId, interfaceType, methods);
        return copy;
    }

    public override string ToString() => GrainId.ToString();

    public override bool Equals(object? obj) => obj is GrainProxy other && other.GrainId == GrainId && other.InterfaceType == InterfaceType;

    public override int GetHashCode() => GrainId.GetHashCode();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!_methods!.TryGetValue(targetMethod, out var dispatcher))
        {
            throw new NotSupportedException($"{targetMethod.Name} is not a grain method of {InterfaceType?.FullName}.");
        }

        return dispatcher.Send(_runtime!, GrainId, args ?? []);
    }
}
