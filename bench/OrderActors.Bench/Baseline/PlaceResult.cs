namespace OrderActors.Bench.Baseline;

/// <summary>Outcome of a baseline checkout.</summary>
public enum PlaceResult
{
    Created,
    AlreadyExists,
    Insufficient,
    UnknownSku,
}
