using System.Reflection;

namespace OrderActors.Runtime.Core;

/// <summary>
/// The grain classes of the scanned assemblies and the grain interfaces they implement. The type name of a class is
/// its <see cref="GrainTypeAttribute"/> or the class name without a trailing <c>Grain</c>, lower-cased.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, List<GrainClassInfo>> _byInterface = [];
    private readonly Dictionary<string, GrainClassInfo> _byName = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in assembly.GetTypes())
            {
                if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters || !typeof(Grain).IsAssignableFrom(type))
                {
                    continue;
                }

                var info = new GrainClassInfo(type, TypeNameOf(type));
                if (_byName.TryGetValue(info.Name, out var existing))
                {
                    throw new InvalidOperationException(
                        $"Grain type name '{info.Name}' is used by {existing.ClassType.FullName} and {type.FullName}; give one a [GrainType(\"...\")].");
                }

                _byName.Add(info.Name, info);
                foreach (var grainInterface in type.GetInterfaces())
                {
                    if (grainInterface != typeof(IGrainWithStringKey) && typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface))
                    {
                        if (!_byInterface.TryGetValue(grainInterface, out var list))
                        {
                            list = [];
                            _byInterface.Add(grainInterface, list);
                        }

                        list.Add(info);
                    }
                }
            }
        }
    }

    public IReadOnlyCollection<GrainClassInfo> Classes => _byName.Values;

    public GrainClassInfo GetByInterface(Type grainInterface)
    {
        if (!_byInterface.TryGetValue(grainInterface, out var list) || list.Count == 0)
        {
            throw new InvalidOperationException(
                $"No grain class implements {grainInterface.FullName}. Is its assembly passed to AddOrderActorsRuntime?");
        }

        if (list.Count > 1)
        {
            throw new InvalidOperationException(
                $"Grain interface {grainInterface.FullName} is implemented by {string.Join(" and ", list.Select(c => c.ClassType.FullName))}; a grain interface needs exactly one implementation.");
        }

        return list[0];
    }

    public GrainClassInfo GetByName(string grainType) =>
        _byName.TryGetValue(grainType, out var info)
            ? info
            : throw new InvalidOperationException($"Unknown grain type '{grainType}'.");

    public bool TryGetByName(string grainType, out GrainClassInfo? info) => _byName.TryGetValue(grainType, out info);

    private static string TypeNameOf(Type type)
    {
        var attribute = type.GetCustomAttribute<GrainTypeAttribute>(inherit: false);
        if (attribute is not null)
        {
            return attribute.Name;
        }

        var name = type.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
