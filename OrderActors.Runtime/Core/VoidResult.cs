namespace OrderActors.Runtime.Core;

/// <summary>The result type of calls to methods returning a plain <see cref="Task"/>.</summary>
internal sealed class VoidResult
{
    private VoidResult()
    {
    }
}
