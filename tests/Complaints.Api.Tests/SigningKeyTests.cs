using System.Net;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>Signing keys from configuration or a private file, rotated with the old key still validating.</summary>
public sealed class SigningKeyTests
{
    private const string Complaints = "/api/v1/tenants/fangyang-water/complaints";

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    [Fact]
    public async Task Rotating_the_key_file_keeps_tokens_of_the_previous_key_valid_until_the_next_rotation()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var keyFile = Path.Combine(platform.DataDirectory, "signing.key");
        var before = await platform.LoginAsync("agent");
        var oldKey = await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken);

        (await Program.Main(["rotate-signing-key", "--Storage:DataDirectory", platform.DataDirectory])).ShouldBe(0);
        await platform.RestartAsync();

        var newKey = await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken);
        newKey.ShouldNotBe(oldKey);
        (await File.ReadAllTextAsync(Path.Combine(platform.DataDirectory, "signing.previous.key"), TestContext.Current.CancellationToken)).Trim().ShouldBe(oldKey.Trim());
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.Combine(platform.DataDirectory, "signing.previous.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var oldToken = before.DefaultRequestHeaders.Authorization!;
        (await Get(platform, oldToken)).ShouldBe(HttpStatusCode.OK);
        var after = await platform.LoginAsync("agent");
        (await Get(platform, after.DefaultRequestHeaders.Authorization!)).ShouldBe(HttpStatusCode.OK);
        KeyId(after.DefaultRequestHeaders.Authorization!.Parameter!).ShouldNotBe(KeyId(oldToken.Parameter!));

        (await Program.Main(["rotate-signing-key", "--Storage:DataDirectory", platform.DataDirectory])).ShouldBe(0);
        await platform.RestartAsync();
        (await Get(platform, oldToken)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(platform, after.DefaultRequestHeaders.Authorization!)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_configured_key_signs_without_a_key_file_and_a_previous_configured_key_still_validates()
    {
        var data = Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N"));
        var first = NewKey();
        System.Net.Http.Headers.AuthenticationHeaderValue token;
        await using (var platform = await PlatformInstance.StartAsync(data, "--Auth:SigningKey", first))
        {
            token = (await platform.LoginAsync("agent")).DefaultRequestHeaders.Authorization!;
            File.Exists(Path.Combine(data, "signing.key")).ShouldBeFalse();
        }

        await using (var rotated = await PlatformInstance.StartAsync(data, "--Auth:SigningKey", NewKey(), "--Auth:PreviousSigningKeys:0", first))
        {
            (await Get(rotated, token)).ShouldBe(HttpStatusCode.OK);
        }

        await using var replaced = await PlatformInstance.StartAsync(data, "--Auth:SigningKey", NewKey());
        (await Get(replaced, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_shorter_than_32_bytes_stops_the_start()
    {
        var data = Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N"));
        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var platform = await PlatformInstance.StartAsync(data, "--Auth:SigningKey", Convert.ToBase64String(new byte[16]));
        });
        error.Message.ShouldContain("Auth:SigningKey");
    }

    private static async Task<HttpStatusCode> Get(PlatformInstance platform, System.Net.Http.Headers.AuthenticationHeaderValue token)
    {
        var client = platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = token;
        return (await client.GetAsync(Complaints, TestContext.Current.CancellationToken)).StatusCode;
    }

    private static string KeyId(string jwt)
    {
        var header = jwt.Split('.')[0].Replace('-', '+').Replace('_', '/');
        header = header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(header))!["kid"]!.GetValue<string>();
    }
}
