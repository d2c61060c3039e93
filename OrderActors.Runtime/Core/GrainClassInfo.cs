using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Core;

/// <summary>
/// A grain class found by the registry: its type name, how to construct it, its journal state type and its
/// <see cref="CollectionAgeLimitAttribute"/>.
/// </summary>
internal sealed class GrainClassInfo
{
    private static readonly MethodInfo CreateJournalMethod =
        typeof(GrainClassInfo).GetMethod(nameof(CreateJournal), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ObjectFactory _factory;
    private readonly Func<IJournalHost, IGrainStorage, TimeProvider, RuntimeOptions, object>? _journalFactory;

    public GrainClassInfo(Type classType, string name)
    {
        ClassType = classType;
        Name = name;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
        if (classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: false) is { } ageLimit)
        {
            CollectionAge = ageLimit.Amount > TimeSpan.Zero
                ? ageLimit.Amount
                : throw new InvalidOperationException($"Grain class {classType.FullName} has a [CollectionAgeLimit] of {ageLimit.Amount}; it must be positive.");
        }

        var constructors = classType.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var constructor = constructors.FirstOrDefault(c => c.IsDefined(typeof(ActivatorUtilitiesConstructorAttribute), false))
                          ?? constructors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
                          ?? throw new InvalidOperationException($"Grain class {classType.FullName} has no public constructor.");
        var journals = constructor.GetParameters()
            .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IJournal<>))
            .ToList();
        if (journals.Count > 1)
        {
            throw new InvalidOperationException(
                $"Grain class {classType.FullName} takes {journals.Count} journals; a grain has one journal (one event stream per grain id).");
        }

        if (journals.Count == 1)
        {
            JournalType = journals[0].ParameterType;
            var stateType = JournalType.GetGenericArguments()[0];
            _journalFactory = CreateJournalMethod.MakeGenericMethod(stateType)
                .CreateDelegate<Func<IJournalHost, IGrainStorage, TimeProvider, RuntimeOptions, object>>();
            _factory = ActivatorUtilities.CreateFactory(classType, [JournalType]);
        }
        else
        {
            _factory = ActivatorUtilities.CreateFactory(classType, []);
        }
    }

    public Type ClassType { get; }

    public string Name { get; }

    public bool IsRemindable { get; }

    /// <summary>The class's own collection age (<see cref="CollectionAgeLimitAttribute"/>); null to use the runtime's.</summary>
    public TimeSpan? CollectionAge { get; }

    public Type? JournalType { get; }

    /// <summary>Constructs the grain and its journal (if it takes one).</summary>
    public (Grain Grain, IJournalLifecycle? Journal) Create(IServiceProvider services, IJournalHost host, IGrainStorage storage, TimeProvider time, RuntimeOptions options)
    {
        if (_journalFactory is null)
        {
            return ((Grain)_factory(services, []), null);
        }

        var journal = _journalFactory(host, storage, time, options);
        return ((Grain)_factory(services, [journal]), (IJournalLifecycle)journal);
    }

    private static object CreateJournal<TState>(IJournalHost host, IGrainStorage storage, TimeProvider time, RuntimeOptions options)
        where TState : class, IJournaledState, new() =>
        new Journal<TState>(host, storage, time, options);
}
