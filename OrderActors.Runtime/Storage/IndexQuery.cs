namespace OrderActors.Runtime.Storage;

/// <summary>
/// Finds grains of <see cref="GrainType"/> whose index entries match every filter, ordered by grain key,
/// starting after <see cref="AfterKey"/> (keyset paging), at most <see cref="Limit"/>.
/// </summary>
public sealed record IndexQuery(string GrainType, IReadOnlyList<IndexFilter> Filters)
{
    /// <summary>Keyset cursor: only keys ordinally greater than this.</summary>
    public string? AfterKey { get; init; }

    /// <summary>Maximum rows returned.</summary>
    public int Limit { get; init; } = 100;
}
