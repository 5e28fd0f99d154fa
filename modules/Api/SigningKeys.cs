using System.Security.Cryptography;
using Complaints.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Api;

/// <summary>
/// The keys of the platform's own tokens: the current one signs, it and the previous ones validate (so a rotation
/// does not log everyone out: tokens signed before it stay valid until they expire).
/// The current key is <c>Auth:SigningKey</c> (base64, at least 32 bytes; env <c>Auth__SigningKey</c>, a secret) or
/// else the file <c>Auth:SigningKeyFile</c> (<c>signing.key</c> in the data directory), made 0600 on first start.
/// The previous keys are <c>Auth:PreviousSigningKeys</c> (a list) and the lines of <c>signing.previous.key</c> beside
/// the key file, which <see cref="Rotate"/> (the host's <c>rotate-signing-key</c> command) writes.
/// A key file found readable by group or others is tightened to 0600 with a warning rather than refused: an
/// installation made before this rule must still start, and the warning says the key may have been read.
/// </summary>
public sealed class SigningKeys
{
    public const int MinimumBytes = 32;

    public const string PreviousFileName = "signing.previous.key";

    public SigningKeys(IConfiguration configuration, ILogger<SigningKeys> logger)
    {
        var file = configuration["Auth:SigningKeyFile"];
        if (configuration["Auth:SigningKey"] is { Length: > 0 } configured)
        {
            Current = Key(configured, "Auth:SigningKey");
        }
        else
        {
            var path = file ?? throw new InvalidOperationException("Set Auth:SigningKey or Auth:SigningKeyFile.");
            if (!File.Exists(path))
            {
                PrivateFiles.EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                PrivateFiles.WriteNew(path, NewKey());
            }

            Tighten(path, logger);
            Current = Key(File.ReadAllText(path).Trim(), path);
        }

        var previous = configuration.GetSection("Auth:PreviousSigningKeys").Get<string[]>() ?? [];
        var previousFile = file is null ? null : PreviousFile(file);
        if (previousFile is not null && File.Exists(previousFile))
        {
            Tighten(previousFile, logger);
            previous = [.. previous, .. File.ReadAllLines(previousFile).Where(l => !string.IsNullOrWhiteSpace(l))];
        }

        Previous = [.. previous.Select(p => Key(p.Trim(), "a previous signing key")).Where(k => k.KeyId != Current.KeyId)];
    }

    /// <summary>Signs every new token.</summary>
    public SymmetricSecurityKey Current { get; }

    /// <summary>Validate tokens signed before the last rotation; never sign.</summary>
    public IReadOnlyList<SymmetricSecurityKey> Previous { get; }

    /// <summary>The keys a token may be signed with: the current one and the previous ones.</summary>
    public IEnumerable<SecurityKey> Validating => [Current, .. Previous];

    /// <summary>
    /// Rotation of the key file: the current key becomes the (only) previous one, a new key is written (0600). Tokens
    /// signed with the key before the previous one stop being accepted; they have expired by then unless rotations
    /// come faster than a token's lifetime.
    /// </summary>
    public static void Rotate(string keyFile)
    {
        var directory = PrivateFiles.EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        var previous = PreviousFile(keyFile);
        if (File.Exists(keyFile))
        {
            var current = File.ReadAllText(keyFile).Trim();
            Replace(previous, current + Environment.NewLine, directory);
        }

        Replace(keyFile, NewKey(), directory);
    }

    public static string PreviousFile(string keyFile) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keyFile))!, PreviousFileName);

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    /// <summary>Written beside, then moved over: a crash leaves the old file or the new one, never half a key.</summary>
    private static void Replace(string path, string text, string directory)
    {
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        PrivateFiles.WriteNew(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Tighten(string path, ILogger logger)
    {
        if (PrivateFiles.IsOpenToOthers(path))
        {
            logger.LogWarning("The signing key file {KeyFile} was readable by other accounts; it is now 0600. Rotate the key (rotate-signing-key) if others may have read it.", path);
            PrivateFiles.Tighten(path);
        }
    }

    private static SymmetricSecurityKey Key(string base64, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not base64.");
        }

        if (bytes.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"{source} must be at least {MinimumBytes} bytes (base64).");
        }

        // The key id (a digest, never the key) goes into each token's header, so validation picks the right key at once.
        return new SymmetricSecurityKey(bytes) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(bytes).AsSpan(0, 12).ToArray()) };
    }
}
