namespace OrderActors.Grains;

/// <summary>What kind of failure a <see cref="DomainException"/> is; the API maps it to an HTTP status once, in one place.</summary>
public enum DomainErrorKind
{
    /// <summary>The input is wrong (400); <see cref="DomainException.Field"/> names the field.</summary>
    Validation,

    /// <summary>The thing does not exist (404).</summary>
    NotFound,

    /// <summary>The request conflicts with the current state: an illegal transition, too little stock (409).</summary>
    Conflict,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,

    /// <summary>The caller's condition (an <c>If-Match</c> version) no longer holds: nothing was changed (412).</summary>
    PreconditionFailed,
}
