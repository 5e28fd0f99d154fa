using System.Net;
using System.Net.Http.Json;
using Complaints.Storage;
using Complaints.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// Logging in on a production host: the first administrator made by the <c>create-user</c> command, throttling per
/// name and per address (429 with Retry-After), the KDF, configured users carried into the store.
/// </summary>
public sealed class LoginTests
{
    private const string Tenant = "fangyang-water";
    private static readonly string[] Production = ["--Platform:Mode", "production"];

    private static string HostDll { get; } = Repository.HostDll(Repository.Root, typeof(LoginTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false).OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release");

    [Fact]
    public async Task The_create_user_command_makes_the_first_admin_of_a_production_install_who_then_logs_in_over_http()
    {
        var data = Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["Storage:DataDirectory"] = data };
        const string Secret = "first admin password";

        var (code, output) = await HostCommand.RunAsync(HostDll, ["create-user", "--tenant", Tenant, "--login", "zhang", "--role", "admin", "--name", "张三"], settings, Secret);
        code.ShouldBe(0, output);
        output.ShouldContain($"zhang@{Tenant}");
        output.ShouldNotContain(Secret);
        output.ShouldNotContain("pbkdf2");

        var (again, refused) = await HostCommand.RunAsync(HostDll, ["create-user", "--tenant", Tenant, "--login", "zhang", "--role", "agent"], settings, "another password");
        again.ShouldBe(1, refused);
        refused.ShouldContain("exists");
        var (weak, tooShort) = await HostCommand.RunAsync(HostDll, ["create-user", "--tenant", Tenant, "--login", "li", "--role", "agent"], settings, "short");
        weak.ShouldBe(1, tooShort);
        var (operatorCode, operatorOutput) = await HostCommand.RunAsync(HostDll, ["create-user", "--login", "ops", "--role", "operator"], settings, "operator password");
        operatorCode.ShouldBe(0, operatorOutput);

        await using var platform = await PlatformInstance.StartAsync(data, Production);
        await platform.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = $"admin@{Tenant}", password = "demo" }).ExpectAsync(HttpStatusCode.Unauthorized);
        var admin = await platform.LoginAsync($"zhang@{Tenant}", Secret);
        (await admin.GetAsync($"/api/v1/tenants/{Tenant}/users").ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Single().Str("displayName").ShouldBe("张三");
        await platform.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = $"li@{Tenant}", password = "short" }).ExpectAsync(HttpStatusCode.Unauthorized);

        // The operator belongs to no tenant: its token opens no tenant's cases, and it is not among a tenant's users.
        var ops = await platform.LoginAsync("ops", "operator password");
        await ops.GetAsync($"/api/v1/tenants/{Tenant}/complaints").ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Login_attempts_beyond_the_limit_per_name_or_per_address_get_429_with_retry_after_and_are_counted()
    {
        await using var platform = await PlatformInstance.StartAsync(
            extraArgs: [.. Production, "--Auth:LoginsPerUserPerMinute", "3", "--Auth:LoginsPerAddressPerMinute", "5", "--Telemetry:Prometheus:Enabled", "true"]);
        var client = platform.Anonymous();
        Task<HttpResponseMessage> Try(string username) => client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = "guess password" });

        for (var i = 0; i < 3; i++)
        {
            (await Try("victim")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var perName = await Try("VICTIM ");
        perName.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        perName.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        int.Parse(perName.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        (await Try("someone-else")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // the address's fifth attempt
        var perAddress = await Try("a-third-one");
        perAddress.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        perAddress.Headers.RetryAfter.ShouldNotBeNull();
        (await perAddress.Content.ReadAsStringAsync()).ShouldContain("429");

        var metrics = await Eventually.Async(async () =>
        {
            var text = await client.GetStringAsync("/metrics");
            return text.Contains("reason=\"throttled\"", StringComparison.Ordinal) && text.Contains("reason=\"unknown-user\"", StringComparison.Ordinal) ? text : null;
        });
        metrics.ShouldContain("complaints_login_failures");
    }

    [Fact]
    public void Passwords_are_hashed_with_pbkdf2_sha256_600000_iterations_a_16_byte_salt_and_checked_against_that()
    {
        var hash = PasswordHashing.Hash("a long enough password");
        var parts = hash.Split('$');

        parts[0].ShouldBe("pbkdf2-sha256");
        parts[1].ShouldBe("600000");
        Convert.FromBase64String(parts[2]).Length.ShouldBe(16);
        Convert.FromBase64String(parts[3]).Length.ShouldBe(32);
        PasswordHashing.Hash("a long enough password").ShouldNotBe(hash); // salted
        PasswordHashing.Verify(hash, "a long enough password").ShouldBe(PasswordCheck.Right);
        PasswordHashing.Verify(hash, "a long enough passwore").ShouldBe(PasswordCheck.Wrong);
        PasswordHashing.Verify("pbkdf2-sha256$1000$" + parts[2] + "$" + parts[3], "a long enough password").ShouldBe(PasswordCheck.Wrong);
        PasswordHashing.Verify("garbage", "x").ShouldBe(PasswordCheck.Wrong);
        PasswordHashing.VerifyNobody("anything").ShouldBe(PasswordCheck.Wrong);
        PasswordHashing.Verify(new PasswordHasher<object>().HashPassword(new object(), "old hash"), "old hash").ShouldBe(PasswordCheck.RightButOutdated);
    }

    [Fact]
    public async Task A_configured_user_is_carried_into_the_store_and_its_older_hash_replaced_at_its_first_login()
    {
        var legacy = new PasswordHasher<object>().HashPassword(new object(), "configured password");
        await using var platform = await PlatformInstance.StartAsync(extraArgs:
        [
            .. Production,
            $"--Tenants:{Tenant}:Users:wang:Role", "supervisor",
            $"--Tenants:{Tenant}:Users:wang:DisplayName", "王五",
            $"--Tenants:{Tenant}:Users:wang:PasswordHash", legacy,
        ]);
        var store = platform.Services.GetRequiredService<IUserAccounts>();
        (await store.FindUserAsync(Tenant, "wang"))!.PasswordHash.ShouldBe(legacy);

        await platform.LoginAsync($"wang@{Tenant}", "configured password");

        (await store.FindUserAsync(Tenant, "wang"))!.PasswordHash.ShouldStartWith("pbkdf2-sha256$600000$");
        await platform.RestartAsync(); // the configuration does not overwrite the store's user
        await platform.LoginAsync($"wang@{Tenant}", "configured password");
    }
}
