using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// A tenant admin's users (<c>/api/v1/tenants/{tenant}/users</c>) and the sessions of users of the store: short access
/// tokens, rotated refresh tokens, and a disable or password reset that ends both at once.
/// </summary>
public sealed class UsersTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Tenant = "fangyang-water";
    private const string Password = "correct horse battery";
    private const string Users = $"/api/v1/tenants/{Tenant}/users";
    private const string Complaints = $"/api/v1/tenants/{Tenant}/complaints";

    private PlatformInstance Platform => fixture.Platform;

    [Fact]
    public async Task An_admin_creates_a_user_of_its_tenant_who_then_logs_in_and_works()
    {
        var admin = await Platform.LoginAsync($"admin@{Tenant}");
        var created = await admin.PostAsJsonAsync(Users, new { login = "Li.Si", displayName = "李四", role = "agent", password = Password }).ExpectAsync(HttpStatusCode.Created);

        created.Str("login").ShouldBe("li.si");
        created.Str("username").ShouldBe($"li.si@{Tenant}");
        created["enabled"]!.GetValue<bool>().ShouldBeTrue();
        created.ToJsonString().ShouldNotContain("pbkdf2");
        var list = await admin.GetAsync(Users).ExpectAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Select(u => u.Str("login")).ShouldContain("li.si");

        var session = await LoginAsync($"li.si@{Tenant}", Password);
        var agent = Bearer(session.Str("accessToken"));
        await agent.GetAsync(Complaints).ExpectAsync(HttpStatusCode.OK);
        await agent.GetAsync(Users).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_new_user_is_refused_with_the_field_at_fault_and_nothing_is_created()
    {
        var admin = await Platform.LoginAsync($"admin@{Tenant}");

        (await admin.PostAsJsonAsync(Users, new { login = "wu", displayName = "吴", role = "agent", password = "short" }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["password"].ShouldNotBeNull();
        (await admin.PostAsJsonAsync(Users, new { login = "wu.password", displayName = "吴", role = "agent", password = "WU.PASSWORD" }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["password"].ShouldNotBeNull();
        (await admin.PostAsJsonAsync(Users, new { login = "wu", displayName = "吴", role = "operator", password = Password }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["role"].ShouldNotBeNull();
        (await admin.PostAsJsonAsync(Users, new { login = "wu", displayName = "吴", role = "handler", password = Password }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["department"].ShouldNotBeNull();
        (await admin.PostAsJsonAsync(Users, new { login = "wu wu", displayName = "吴", role = "agent", password = Password }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["login"].ShouldNotBeNull();
        (await admin.PostAsJsonAsync(Users, new { login = "admin", displayName = "吴", role = "agent", password = Password }).ExpectAsync(HttpStatusCode.Conflict)).ShouldNotBeNull();

        (await admin.GetAsync(Users).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(u => u.Str("login")).ShouldNotContain("wu");
        await admin.PostAsJsonAsync(Users, new { login = "wu", displayName = "吴", role = "handler", department = "pipe-network", password = Password }).ExpectAsync(HttpStatusCode.Created);
        await admin.PostAsJsonAsync(Users, new { login = "wu", displayName = "吴", role = "agent", password = Password }).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_tenants_admin_and_a_non_admin_cannot_manage_the_users()
    {
        var other = await Platform.LoginAsync("admin@fuyang-gas");
        await other.GetAsync(Users).ExpectAsync(HttpStatusCode.Forbidden);
        await other.PostAsJsonAsync(Users, new { login = "intruder", displayName = "x", role = "admin", password = Password }).ExpectAsync(HttpStatusCode.Forbidden);
        await other.PostAsync($"{Users}/admin/disable", null).ExpectAsync(HttpStatusCode.Forbidden);
        var supervisor = await Platform.LoginAsync($"supervisor@{Tenant}");
        await supervisor.PostAsJsonAsync(Users, new { login = "intruder", displayName = "x", role = "admin", password = Password }).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Disabling_a_user_refuses_its_access_token_at_once_and_its_refresh_token_and_login()
    {
        var admin = await Platform.LoginAsync($"admin@{Tenant}");
        await CreateAsync(admin, "zhao");
        var session = await LoginAsync($"zhao@{Tenant}", Password);
        var zhao = Bearer(session.Str("accessToken"));
        await zhao.GetAsync(Complaints).ExpectAsync(HttpStatusCode.OK);

        (await admin.PostAsync($"{Users}/zhao/disable", null).ExpectAsync(HttpStatusCode.OK))["enabled"]!.GetValue<bool>().ShouldBeFalse();

        await zhao.GetAsync(Complaints).ExpectAsync(HttpStatusCode.Unauthorized);
        await RefreshAsync(session.Str("refreshToken")).ExpectAsync(HttpStatusCode.Unauthorized);
        await TokenAsync($"zhao@{Tenant}", Password).ExpectAsync(HttpStatusCode.Unauthorized);

        await admin.PostAsync($"{Users}/zhao/enable", null).ExpectAsync(HttpStatusCode.OK);
        await zhao.GetAsync(Complaints).ExpectAsync(HttpStatusCode.Unauthorized); // the old token stays dead
        await LoginAsync($"zhao@{Tenant}", Password);
        await admin.PostAsync($"{Users}/nobody/disable", null).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_user_disabled_by_another_host_is_refused_here_once_this_host_has_read_the_stores_changes()
    {
        var admin = await Platform.LoginAsync($"admin@{Tenant}");
        await CreateAsync(admin, "feng");
        var feng = Bearer((await LoginAsync($"feng@{Tenant}", Password)).Str("accessToken"));
        await feng.GetAsync(Complaints).ExpectAsync(HttpStatusCode.OK);

        // Straight into the store, as another host of a cluster would: this host learns of it only by polling changed_at.
        var store = Platform.Services.GetRequiredService<Complaints.Storage.IUserAccounts>();
        await store.ChangeStandingAsync(new Complaints.Storage.StandingChange(Tenant, "feng", "changed-elsewhere", DateTimeOffset.UtcNow) { Enabled = false });

        await Eventually.Async(async () => (await feng.GetAsync(Complaints)).StatusCode == HttpStatusCode.Unauthorized ? "refused" : null);
    }

    [Fact]
    public async Task A_password_reset_ends_the_users_sessions_and_only_the_new_password_logs_in()
    {
        var admin = await Platform.LoginAsync($"admin@{Tenant}");
        await CreateAsync(admin, "qian");
        var session = await LoginAsync($"qian@{Tenant}", Password);
        var qian = Bearer(session.Str("accessToken"));

        (await admin.PostAsJsonAsync($"{Users}/qian/reset-password", new { password = "qian" }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["password"].ShouldNotBeNull();
        await qian.GetAsync(Complaints).ExpectAsync(HttpStatusCode.OK); // a refused reset changes nothing
        await admin.PostAsJsonAsync($"{Users}/qian/reset-password", new { password = "a new password 2" }).ExpectAsync(HttpStatusCode.OK);

        await qian.GetAsync(Complaints).ExpectAsync(HttpStatusCode.Unauthorized);
        await RefreshAsync(session.Str("refreshToken")).ExpectAsync(HttpStatusCode.Unauthorized);
        await TokenAsync($"qian@{Tenant}", Password).ExpectAsync(HttpStatusCode.Unauthorized);
        await LoginAsync($"qian@{Tenant}", "a new password 2");
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_a_reused_one_ends_the_whole_session()
    {
        var admin = await Platform.LoginAsync($"admin@{Tenant}");
        await CreateAsync(admin, "sun");
        var first = await LoginAsync($"sun@{Tenant}", Password);

        var second = await RefreshAsync(first.Str("refreshToken")).ExpectAsync(HttpStatusCode.OK);
        second.Str("refreshToken").ShouldNotBe(first.Str("refreshToken"));
        second.Str("refreshExpiresAt").ShouldBe(first.Str("refreshExpiresAt"));
        await Bearer(second.Str("accessToken")).GetAsync(Complaints).ExpectAsync(HttpStatusCode.OK);

        await RefreshAsync(first.Str("refreshToken")).ExpectAsync(HttpStatusCode.Unauthorized); // reused: stolen?
        await RefreshAsync(second.Str("refreshToken")).ExpectAsync(HttpStatusCode.Unauthorized); // so its family is gone

        var other = await LoginAsync($"sun@{Tenant}", Password);
        (await Platform.Anonymous().PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = other.Str("refreshToken") })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await RefreshAsync(other.Str("refreshToken")).ExpectAsync(HttpStatusCode.Unauthorized);
        (await RefreshAsync("not-a-token").ExpectAsync(HttpStatusCode.Unauthorized))["detail"].ShouldNotBeNull();
        (await Platform.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["refreshToken"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_demo_users_session_refreshes_too()
    {
        var first = await LoginAsync($"agent@{Tenant}", "demo");
        var second = await RefreshAsync(first.Str("refreshToken")).ExpectAsync(HttpStatusCode.OK);
        await Bearer(second.Str("accessToken")).GetAsync(Complaints).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_access_token_lives_15_minutes_at_most_and_carries_the_users_stamp()
    {
        var session = await LoginAsync($"agent@{Tenant}", "demo");
        var payload = Payload(session.Str("accessToken"));

        (payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>()).ShouldBe(15 * 60);
        payload["sst"]!.GetValue<string>().ShouldBe("demo");
        DateTimeOffset.Parse(session.Str("refreshExpiresAt"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.Parse(session.Str("expiresAt"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_well_signed_token_of_a_user_who_does_not_exist_is_refused()
    {
        var issuer = Platform.Services.GetRequiredService<TokenIssuer>();
        var (ghost, _) = issuer.Issue(new PlatformUser($"ghost@{Tenant}", Tenant, "ghost", "Ghost", "admin", null, "some-stamp", false));
        var (demoGhost, _) = issuer.Issue(new PlatformUser($"ghost@{Tenant}", Tenant, "ghost", "Ghost", "admin", null, "demo", false));
        var (otherTenant, _) = issuer.Issue(new PlatformUser($"admin@{Tenant}", "fuyang-gas", "admin", "Ghost", "admin", null, "demo", false));
        var (real, _) = issuer.Issue(new PlatformUser($"admin@{Tenant}", Tenant, "admin", "Demo administrator", "admin", null, "demo", true));

        await Bearer(ghost).GetAsync(Complaints).ExpectAsync(HttpStatusCode.Unauthorized);
        await Bearer(demoGhost).GetAsync(Complaints).ExpectAsync(HttpStatusCode.Unauthorized);
        await Bearer(otherTenant).GetAsync("/api/v1/tenants/fuyang-gas/complaints").ExpectAsync(HttpStatusCode.Unauthorized);
        await Bearer(real).GetAsync(Complaints).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_a_user_whose_right_password_then_gets_the_same_401_until_an_admin_unlocks_it()
    {
        var admin = await Platform.LoginAsync($"admin@{Tenant}");
        await CreateAsync(admin, "zhou");
        var wrong = await TokenAsync($"zhou@{Tenant}", "wrong password").ExpectAsync(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 4; i++)
        {
            await TokenAsync($"zhou@{Tenant}", "wrong password").ExpectAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await TokenAsync($"zhou@{Tenant}", Password).ExpectAsync(HttpStatusCode.Unauthorized);
        Same(locked, wrong);
        var unknown = await TokenAsync($"nobody-at-all@{Tenant}", Password).ExpectAsync(HttpStatusCode.Unauthorized);
        Same(unknown, wrong);
        (await admin.GetAsync(Users).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Single(u => u.Str("login") == "zhou")!["lockedUntil"].ShouldNotBeNull();

        (await admin.PostAsync($"{Users}/zhou/unlock", null).ExpectAsync(HttpStatusCode.OK))["lockedUntil"].ShouldBeNull();
        await LoginAsync($"zhou@{Tenant}", Password);
    }

    /// <summary>The same answer (a trace id apart): nothing tells a locked or unknown user from a wrong password.</summary>
    private static void Same(JsonObject actual, JsonObject expected)
    {
        foreach (var field in new[] { "status", "title", "detail", "type" })
        {
            actual[field]?.ToJsonString().ShouldBe(expected[field]?.ToJsonString());
        }

        actual.Select(p => p.Key).Order().ShouldBe(expected.Select(p => p.Key).Order());
    }

    private async Task CreateAsync(HttpClient admin, string login) =>
        await admin.PostAsJsonAsync(Users, new { login, displayName = login, role = "agent", password = Password }).ExpectAsync(HttpStatusCode.Created);

    private Task<HttpResponseMessage> TokenAsync(string username, string password) =>
        Platform.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username, password });

    private Task<JsonObject> LoginAsync(string username, string password) => TokenAsync(username, password).ExpectAsync(HttpStatusCode.OK);

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Platform.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private HttpClient Bearer(string token)
    {
        var client = Platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static JsonObject Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part)))!.AsObject();
    }
}
