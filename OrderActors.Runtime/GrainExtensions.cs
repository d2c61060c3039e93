using OrderActors.Runtime.Core;

namespace OrderActors.Runtime;

/// <summary>Identity helpers for grain references and grain instances (as Orleans' <c>GetPrimaryKeyString()</c>).</summary>
public static class GrainExtensions
{
    /// <summary>The <see cref="GrainId"/> of a grain reference (from <see cref="IGrainFactory.GetGrain{TGrainInterface}"/>) or of a grain instance.</summary>
    public static GrainId GetGrainId(this IGrain grain) => grain switch
    {
        GrainProxy reference => reference.GrainId,
        Grain instance => instance.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType().FullName} is neither a grain reference nor a grain.", nameof(grain)),
    };

    /// <summary>The string key of a grain reference or grain instance.</summary>
    public static string GetPrimaryKeyString(this IGrainWithStringKey grain) => GetGrainId(grain).Key;
}
