namespace OrderActors.Runtime;

/// <summary>
/// How long an idle activation of this grain class stays in memory before idle collection deactivates it, shaped like
/// Orleans' <c>[CollectionAgeLimit]</c>: <c>[CollectionAgeLimit(Minutes = 2)]</c>. The parts add up; the total must be
/// positive. Without it the class uses <see cref="RuntimeOptions.CollectionAge"/>; configuration
/// (<see cref="RuntimeOptions.CollectionAgeByType"/>) overrides both. Collection runs every
/// <see cref="RuntimeOptions.CollectionInterval"/>, so an activation goes between the age and the age plus one interval
/// after its last call.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Days of the age.</summary>
    public double Days { get; set; }

    /// <summary>Hours of the age.</summary>
    public double Hours { get; set; }

    /// <summary>Minutes of the age.</summary>
    public double Minutes { get; set; }

    /// <summary>Seconds of the age.</summary>
    public double Seconds { get; set; }

    /// <summary>The age: the sum of the parts.</summary>
    public TimeSpan Amount =>
        TimeSpan.FromDays(Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds);
}
