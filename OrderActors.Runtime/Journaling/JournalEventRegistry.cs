using System.Collections.Concurrent;
using System.Reflection;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// Maps event types to their stored names (<see cref="JournalEventAttribute"/>) and back. Assemblies are scanned on
/// first use (the state's assembly when a journal type is first used, an event's assembly when it is first appended).
/// </summary>
public static class JournalEventRegistry
{
    private static readonly Lock ScanLock = new();
    private static readonly ConcurrentDictionary<Type, string> Names = new();
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Assembly, bool> Scanned = new();

    /// <summary>The stored name of <paramref name="eventType"/>; throws when the type is not annotated.</summary>
    public static string GetName(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (Names.TryGetValue(eventType, out var name))
        {
            return name;
        }

        Scan(eventType.Assembly);
        return Names.TryGetValue(eventType, out name)
            ? name
            : throw new ArgumentException(
                $"Event type {eventType.FullName} has no [JournalEvent(\"name\")] attribute; every journaled event needs a stable stored name.",
                nameof(eventType));
    }

    /// <summary>The event type stored under <paramref name="name"/>; <paramref name="hint"/>'s assembly is scanned first.</summary>
    public static Type GetType(string name, Type? hint = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Types.TryGetValue(name, out var type))
        {
            return type;
        }

        if (hint is not null)
        {
            Scan(hint.Assembly);
        }

        return Types.TryGetValue(name, out type)
            ? type
            : throw new InvalidOperationException(
                $"Stored event type '{name}' is not known: no loaded class carries [JournalEvent(\"{name}\")]. Was the event class renamed or removed?");
    }

    /// <summary>Registers every annotated type of <paramref name="assembly"/>; throws on a name used by two types.</summary>
    public static void Scan(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (Scanned.ContainsKey(assembly))
        {
            return;
        }

        lock (ScanLock)
        {
            if (Scanned.ContainsKey(assembly))
            {
                return;
            }

            foreach (var type in LoadableTypes(assembly))
            {
                var attribute = type.GetCustomAttribute<JournalEventAttribute>(inherit: false);
                if (attribute is null)
                {
                    continue;
                }

                if (Types.TryGetValue(attribute.Name, out var existing) && existing != type)
                {
                    throw new InvalidOperationException(
                        $"Journal event name '{attribute.Name}' is used by both {existing.FullName} and {type.FullName}; names must be unique.");
                }

                Types[attribute.Name] = type;
                Names[type] = attribute.Name;
            }

            Scanned[assembly] = true;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
