namespace OrderActors.Grains;

/// <summary>
/// A business rule said no. Carries a stable <see cref="Code"/> (e.g. <c>order.invalid_transition</c>,
/// <c>stock.insufficient</c>) that clients can rely on, and for validation errors the failing <see cref="Field"/>.
/// Grains throw it before changing anything, so a failed command never changes state.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, string code, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Field = field;
    }

    public DomainException()
    {
        Code = "domain.error";
    }

    public DomainException(string message) : base(message)
    {
        Code = "domain.error";
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
        Code = "domain.error";
    }

    public DomainErrorKind Kind { get; }

    public string Code { get; }

    public string? Field { get; }

    public static DomainException Validation(string code, string field, string message) => new(DomainErrorKind.Validation, code, message, field);

    public static DomainException NotFound(string code, string message) => new(DomainErrorKind.NotFound, code, message);

    public static DomainException Conflict(string code, string message) => new(DomainErrorKind.Conflict, code, message);

    public static DomainException PreconditionFailed(string code, string message, string? field = null) => new(DomainErrorKind.PreconditionFailed, code, message, field);
}
