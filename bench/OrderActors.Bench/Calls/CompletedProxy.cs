using System.Reflection;

namespace OrderActors.Bench.Calls;

/// <summary>A <see cref="DispatchProxy"/> that answers at once: the cost of the proxy alone, without the runtime behind it.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time
public class CompletedProxy : DispatchProxy
#pragma warning restore CA1852
{
    private static readonly Task<int> Answer = Task.FromResult(1);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Answer;
}
