namespace Complaints.Cases;

/// <summary>
/// Which e-mail contacts the platform takes: one address, <c>local@domain</c>, as people write them — no display
/// name, no spaces or angle brackets, a domain with a dot (or an IP literal). Not RFC 5322 in full: a reply must be
/// sendable to it, and a name typed into the field belongs in the name.
/// </summary>
public static class EmailAddresses
{
    public static bool IsValid(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var e = email.Trim();
        var at = e.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == e.Length - 1 || e.Length > 254)
        {
            return false;
        }

        var domain = e[(at + 1)..];
        return !e.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '<' or '>' or '(' or ')' or ',' or ';' or '"' or '\\')
            && e.IndexOf('@', StringComparison.Ordinal) == at
            && (domain.Contains('.', StringComparison.Ordinal) || (domain.StartsWith('[') && domain.EndsWith(']')))
            && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal)
            && !e.StartsWith('.') && e[at - 1] != '.';
    }
}
