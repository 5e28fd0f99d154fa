using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Website;

/// <summary>
/// The per-case rating link token: an HMAC-SHA256 of (tenant, case number) under the tenant's rating key, given to
/// the customer with the website's complaint confirmation and required to rate that case. Only the one who filed the
/// complaint holds it, so a stranger can neither rate someone else's case nor learn whether a number exists.
/// The key: <c>Tenants:{tenant}:Channels:website:RatingKey</c> (base64, at least 32 bytes); without it one key is
/// generated once and kept in <c>{Storage:DataDirectory}/website-rating.key</c> (mode 0600) so links outlive a
/// restart; without a data directory (a test host) the key lives as long as the process. In a cluster the hosts
/// must share the key: configure <c>RatingKey</c> (or share the data directory).
/// </summary>
public sealed class RatingTokens
{
    public const string KeyFileName = "website-rating.key";
    public const int MinKeyBytes = 32;

    private readonly Dictionary<string, byte[]> _configured = new(StringComparer.Ordinal);
    private readonly Lazy<byte[]> _generated;

    public RatingTokens(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var tenant in configuration.GetSection("Tenants").GetChildren())
        {
            if (tenant.GetSection($"Channels:{WebsitePlugin.ChannelId}")["RatingKey"] is { Length: > 0 } text)
            {
                _configured[tenant.Key] = ParseKey(text, tenant.Key);
            }
        }

        var directory = configuration["Storage:DataDirectory"];
        _generated = new(() => string.IsNullOrWhiteSpace(directory) ? RandomNumberGenerator.GetBytes(MinKeyBytes) : LoadOrCreate(Path.Combine(directory, KeyFileName)));
    }

    /// <summary>The token the customer receives for <paramref name="number"/>: 22 URL-safe characters.</summary>
    public string For(string tenant, string number) => Compute(Key(tenant), tenant, number);

    /// <summary>True when <paramref name="token"/> is the token of (tenant, number); compared in constant time.</summary>
    public bool Verify(string tenant, string number, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(For(tenant, number));
        var given = Encoding.UTF8.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string Compute(byte[] key, string tenant, string number)
    {
        ArgumentNullException.ThrowIfNull(key);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"website-rating\n{tenant}\n{number}"));
        return Convert.ToBase64String(mac, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private byte[] Key(string tenant) => _configured.TryGetValue(tenant, out var key) ? key : _generated.Value;

    private static byte[] ParseKey(string text, string tenant)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Tenants:{tenant}:Channels:website:RatingKey is not base64.");
        }

        return key.Length >= MinKeyBytes ? key : throw new InvalidOperationException($"Tenants:{tenant}:Channels:website:RatingKey has {key.Length} bytes; at least {MinKeyBytes} are needed.");
    }

    /// <summary>
    /// The key kept in <paramref name="path"/>, made once (owner read/write only): written to a file of its own, then
    /// moved into place, so a second host racing to make it reads a whole key (the first's) and never half of one.
    /// </summary>
    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinKeyBytes))));
                file.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return ParseKey(File.ReadAllText(path), "(file " + KeyFileName + ")");
    }
}
