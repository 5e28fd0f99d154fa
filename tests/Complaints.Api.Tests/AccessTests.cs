using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Complaints.Grains;

namespace Complaints.Api.Tests;

/// <summary>Who may see and do what: tokens, roles, departments, tenants, and personal data.</summary>
public sealed class AccessTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    [Fact]
    public async Task Health_and_the_OpenAPI_document_are_public()
    {
        var client = fixture.Platform.Anonymous();
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var openApi = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/api/v1/auth/token");
        paths.ShouldContain("/api/v1/tenants/{tenant}/complaints");
        paths.ShouldContain("/api/v1/tenants/{tenant}/complaints/{number}/contact");
        paths.ShouldContain("/api/v1/tenants/{tenant}/complaints/{number}/record-callback");
    }

    [Fact]
    public async Task Every_entry_of_the_action_table_is_a_route_with_its_summary_in_the_openapi_document()
    {
        var openApi = await fixture.Platform.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);

        foreach (var action in CaseActions.All)
        {
            var post = openApi["paths"]?[$"/api/v1/tenants/{{tenant}}/complaints/{{number}}/{action.Route}"]?["post"];
            post.ShouldNotBeNull(action.Route);
            post["summary"]?.GetValue<string>().ShouldBe(action.Summary);
            post["summary"].ShouldNotBeNull(action.Route);
        }
    }

    [Fact]
    public async Task A_token_needs_a_known_user_and_the_right_password()
    {
        var client = fixture.Platform.Anonymous();
        var ok = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "supervisor", password = "demo" }).ExpectAsync(HttpStatusCode.OK);
        ok.Str("accessToken").ShouldNotBeNullOrWhiteSpace();
        DateTimeOffset.Parse(ok.Str("expiresAt"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "supervisor", password = "wrong" }).ExpectAsync(HttpStatusCode.Unauthorized);
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody", password = "demo" }).ExpectAsync(HttpStatusCode.Unauthorized);
        var missing = await client.PostAsJsonAsync("/api/v1/auth/token", new { password = "demo" }).ExpectAsync(HttpStatusCode.BadRequest);
        missing["errors"]!["username"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Without_a_valid_token_every_api_call_is_401()
    {
        var client = fixture.Platform.Anonymous();
        (await client.GetAsync(_desk.Complaints)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync(_desk.Complaints, new { channel = "hotline", kind = "complaint", content = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        (await client.GetAsync(_desk.Complaints)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task One_tenant_never_sees_another_tenants_cases()
    {
        var number = (await _desk.RegisterAsync()).Str("number");
        var gasAgent = await fixture.Platform.LoginAsync("agent@fuyang-gas");
        (await gasAgent.GetAsync($"{_desk.Complaints}/{number}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gasAgent.GetAsync(_desk.Complaints)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gasAgent.GetAsync("/api/v1/tenants/no-such-utility/complaints")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var gasList = await gasAgent.GetAsync("/api/v1/tenants/fuyang-gas/complaints?pageSize=500").ExpectAsync(HttpStatusCode.OK);
        gasList["items"]!.AsArray().ShouldNotContain(i => i!["number"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task A_department_handler_sees_and_acts_only_on_its_own_departments_cases()
    {
        var mine = await _desk.DispatchedAsync("water-pressure", "pipe-network");
        var theirs = await _desk.DispatchedAsync("billing-dispute", "billing");

        await _desk.GetAsync(mine, "pipe-network");
        await _desk.GetAsync(theirs, "pipe-network", HttpStatusCode.Forbidden);
        await _desk.ActAsync(theirs, "sign", null, "pipe-network", HttpStatusCode.Forbidden);
        await _desk.ActAsync(theirs, "return", new { reason = "不是我们的" }, "pipe-network", HttpStatusCode.Forbidden);

        var client = await _desk.As("pipe-network");
        var list = await client.GetAsync($"{_desk.Complaints}?pageSize=500&department=billing").ExpectAsync(HttpStatusCode.OK);
        var numbers = list["items"]!.AsArray().Select(i => i.Str("number")).ToList();
        numbers.ShouldContain(mine);
        numbers.ShouldNotContain(theirs);
        list["items"]!.AsArray().ShouldAllBe(i => i!["department"]!.GetValue<string>() == "pipe-network");
    }

    [Fact]
    public async Task Roles_that_may_not_act_get_403_and_nothing_changes()
    {
        var number = (await _desk.RegisterAsync()).Str("number");
        var before = (await _desk.GetAsync(number))["history"]!.AsArray().Count;
        await _desk.ActAsync(number, "accept", new { category = "general" }, "leader", HttpStatusCode.Forbidden);
        await _desk.ActAsync(number, "accept", new { category = "general" }, "pipe-network", HttpStatusCode.Forbidden);
        await _desk.ActAsync(number, "supervise", new { note = "催办" }, "agent", HttpStatusCode.Forbidden);
        var after = await _desk.GetAsync(number);
        after["history"]!.AsArray().Count.ShouldBe(before);
        after.Str("status").ShouldBe("registered");
    }

    [Fact]
    public async Task Phones_are_masked_everywhere_but_the_recorded_contact_read()
    {
        var number = (await _desk.RegisterAsync()).Str("number");
        var view = await _desk.GetAsync(number, "leader");
        view["complainant"]!.Str("phone").ShouldBe("138****5678");
        view.ToJsonString().ShouldNotContain("13812345678");

        var client = await _desk.As("agent");
        var list = await client.GetAsync($"{_desk.Complaints}?q={number}").ExpectAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Single()!["complainant"]!.Str("phone").ShouldBe("138****5678");

        (await (await _desk.As("leader")).GetAsync($"{_desk.Complaints}/{number}/contact")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var contact = await client.GetAsync($"{_desk.Complaints}/{number}/contact").ExpectAsync(HttpStatusCode.OK);
        contact.Str("phone").ShouldBe("13812345678");
        contact.Str("name").ShouldBe("张三");

        var audit = (await _desk.GetAsync(number))["history"]!.AsArray().Last()!;
        audit.Str("type").ShouldBe("contact-viewed");
        audit.Str("actor").ShouldBe("agent@fangyang-water");
    }

    [Fact]
    public async Task Phone_numbers_never_reach_the_log_file_unmasked()
    {
        var number = (await _desk.RegisterAsync()).Str("number");
        var client = await _desk.As("agent");
        await client.GetAsync($"{_desk.Complaints}/{number}/contact");
        await client.GetAsync($"{_desk.Complaints}?q=13812345678");
        var logger = (Microsoft.Extensions.Logging.ILogger)fixture.Platform.Services.GetService(typeof(Microsoft.Extensions.Logging.ILogger<AccessTests>))!;
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "Caller {Phone} rang about {Number}; landline {Landline}", "13812345678", number, "0518-86080000");

        var logs = Path.Combine(fixture.Platform.DataDirectory, "logs");
        string text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains(number, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            text = string.Concat(Directory.GetFiles(logs).Select(f => ReadShared(f)));
        }

        text.ShouldContain(number, customMessage: text);
        text.ShouldContain("138****5678");
        text.ShouldContain("0518-****0000");
        text.ShouldNotContain("13812345678");
        text.ShouldNotContain("0518-86080000");
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
