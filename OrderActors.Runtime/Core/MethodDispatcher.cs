using System.Linq.Expressions;
using System.Reflection;

namespace OrderActors.Runtime.Core;

/// <summary>Invokes one grain interface method on a grain instance through a compiled delegate, and sends calls to it.</summary>
internal abstract class MethodDispatcher
{
    protected MethodDispatcher(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType?.Name}.{method.Name}";
    }

    public MethodInfo Method { get; }

    public string Name { get; }

    /// <summary>Sends a call with <paramref name="arguments"/> to <paramref name="target"/>; returns the Task the proxy hands out.</summary>
    public abstract Task Send(GrainRuntime runtime, GrainId target, object?[] arguments);

    public static MethodDispatcher Create(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new NotSupportedException($"Grain interface method {method.DeclaringType?.FullName}.{method.Name} is generic; generic grain methods are not supported.");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new NotSupportedException($"Grain interface method {method.DeclaringType?.FullName}.{method.Name} has a ref/out parameter; grain calls pass values only.");
        }

        var returnType = method.ReturnType;
        Type resultType;
        if (returnType == typeof(Task))
        {
            resultType = typeof(VoidResult);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            resultType = returnType.GetGenericArguments()[0];
        }
        else
        {
            throw new NotSupportedException(
                $"Grain interface method {method.DeclaringType?.FullName}.{method.Name} returns {returnType.Name}; grain methods must return Task or Task<T>.");
        }

        var dispatcherType = typeof(MethodDispatcher<>).MakeGenericType(resultType);
        return (MethodDispatcher)Activator.CreateInstance(dispatcherType, method, Compile(method))!;
    }

    private static Func<object, object?[], Task> Compile(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, args).Compile();
    }
}
