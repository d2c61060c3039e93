namespace OrderActors.Runtime.Journaling;

/// <summary>What a journal needs from the activation that owns it.</summary>
internal interface IJournalHost
{
    /// <summary>The grain whose journal it is.</summary>
    GrainId GrainId { get; }

    /// <summary>Drops the activation after the current turn: its state can no longer be trusted.</summary>
    void Invalidate(DeactivationReason reason);
}
