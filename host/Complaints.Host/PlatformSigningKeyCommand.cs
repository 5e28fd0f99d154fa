using Complaints.Api;

namespace Complaints.Host;

/// <summary>
/// <c>dotnet Complaints.Host.dll rotate-signing-key</c>: the key file's current key becomes the previous one (still
/// validating tokens issued before) and a new key signs from the next start. Same settings as the host (appsettings,
/// environment, command line) find the data directory. A key given as <c>Auth:SigningKey</c> is rotated where it is
/// kept instead: set the new one there and the old one in <c>Auth:PreviousSigningKeys</c>.
/// </summary>
internal static class PlatformSigningKeyCommand
{
    public static int Run(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        if (configuration["Auth:SigningKey"] is { Length: > 0 })
        {
            Console.Error.WriteLine("Auth:SigningKey is set: rotate it where it is kept (the new key in Auth:SigningKey, the old one in Auth:PreviousSigningKeys), then restart the hosts.");
            return 1;
        }

        var file = configuration["Auth:SigningKeyFile"] ?? Path.Combine(Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data"), "signing.key");
        SigningKeys.Rotate(file);
        Console.WriteLine($"New signing key in {file}; the previous one in {SigningKeys.PreviousFile(file)} still validates tokens issued before. Restart the host to sign with the new key.");
        return 0;
    }
}
