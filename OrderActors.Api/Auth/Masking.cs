namespace OrderActors.Api.Auth;

/// <summary>PII masking for callers without PII access: <c>13812345678</c> → <c>138****5678</c>, address detail → <c>****</c>, name → first character.</summary>
public static class Masking
{
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        if (phone.Length >= 11)
        {
            return string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4));
        }

        return phone.Length >= 7
            ? string.Concat(phone.AsSpan(0, 2), "****", phone.AsSpan(phone.Length - 2))
            : new string('*', phone.Length);
    }

    public static string? Address(string? detail) => string.IsNullOrEmpty(detail) ? detail : "****";

    public static string? Name(string? name) => string.IsNullOrEmpty(name) ? name : string.Concat(name.AsSpan(0, 1), "**");
}
