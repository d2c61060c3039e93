namespace OrderActors.Runtime.Storage;

/// <summary>
/// A storage write failed because its transaction did not commit (database unavailable, disk full, ...).
/// Nothing of the write was stored; retrying may succeed (<see cref="IsTransient"/>).
/// </summary>
public sealed class StorageWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageWriteException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StorageWriteException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the database's exception.</summary>
    public StorageWriteException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Always true: the write was not stored, so the caller may retry it.</summary>
    public bool IsTransient => true;
}
