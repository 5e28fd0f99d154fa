using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Complaints.Api;

/// <summary>What checking a password against a stored hash found.</summary>
public enum PasswordCheck
{
    Wrong,
    Right,

    /// <summary>Right, but the hash is of an older or weaker kind: store <see cref="PasswordHashing.Hash"/> of it instead.</summary>
    RightButOutdated,
}

/// <summary>
/// The platform's password KDF: PBKDF2-HMAC-SHA256, 600,000 iterations, a 16-byte random salt and a 32-byte key, kept
/// in a self-describing text, <c>pbkdf2-sha256$600000$salt$key</c> (base64), so that a later release can raise the
/// cost and still read older hashes. Hashes made by ASP.NET Identity's hasher (the <c>hash-password</c> command of
/// earlier releases) are still accepted and reported outdated, so they are replaced at the next good login.
/// </summary>
public static class PasswordHashing
{
    public const string Scheme = "pbkdf2-sha256";
    public const int Iterations = 600_000;
    public const int SaltBytes = 16;
    public const int KeyBytes = 32;

    private static readonly PasswordHasher<object> Legacy = new();

    /// <summary>A hash of the same cost as every real one: checked when there is no user, so that both take as long.</summary>
    private static readonly string Dummy = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, KeyBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(key));
    }

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/>, comparing the keys in constant time.</summary>
    public static PasswordCheck Verify(string hash, string password)
    {
        if (!hash.StartsWith(Scheme + "$", StringComparison.Ordinal))
        {
            return VerifyLegacy(hash, password);
        }

        var parts = hash.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return PasswordCheck.Wrong;
        }

        byte[] salt, expected;
        try
        {
            (salt, expected) = (Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            return PasswordCheck.Wrong;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return !CryptographicOperations.FixedTimeEquals(actual, expected) ? PasswordCheck.Wrong
            : iterations < Iterations || salt.Length < SaltBytes || expected.Length < KeyBytes ? PasswordCheck.RightButOutdated
            : PasswordCheck.Right;
    }

    /// <summary>The same work as <see cref="Verify"/> of a real hash, for a login whose user does not exist; always wrong.</summary>
    public static PasswordCheck VerifyNobody(string password)
    {
        Verify(Dummy, password);
        return PasswordCheck.Wrong;
    }

    private static PasswordCheck VerifyLegacy(string hash, string password)
    {
        try
        {
            return Legacy.VerifyHashedPassword(new object(), hash, password) == PasswordVerificationResult.Failed ? PasswordCheck.Wrong : PasswordCheck.RightButOutdated;
        }
        catch (FormatException)
        {
            return PasswordCheck.Wrong;
        }
    }
}
