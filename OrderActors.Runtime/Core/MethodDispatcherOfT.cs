using System.Reflection;

namespace OrderActors.Runtime.Core;

/// <summary>A <see cref="MethodDispatcher"/> for a method whose result is <typeparamref name="TResult"/> (<see cref="VoidResult"/> for Task).</summary>
internal sealed class MethodDispatcher<TResult>(MethodInfo method, Func<object, object?[], Task> invoker) : MethodDispatcher(method)
{
    private readonly Func<object, object?[], Task> _invoker = invoker;

    public override Task Send(GrainRuntime runtime, GrainId target, object?[] arguments)
    {
        var call = new GrainCall<TResult>(this, arguments);
        runtime.Send(target, call);
        return call.Task;
    }

    public Task Invoke(object grain, object?[] arguments) => _invoker(grain, arguments);

    public static TResult GetResult(Task completed) =>
        typeof(TResult) == typeof(VoidResult) ? default! : ((Task<TResult>)completed).Result;
}
