using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Testing.Channels;

namespace Complaints.Channels.Website.Tests;

public sealed class WebsiteTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string Script = "<script>alert('x')</script>";
    private PluginHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static Task<PluginHost> StartAsync(string permits = "1000") => PluginHost.StartAsync(new WebsitePlugin(), new Dictionary<string, string?>
    {
        [$"Tenants:{Tenant}:Name"] = "方洋水务 " + Script,
        [$"Tenants:{Tenant}:Channels:website:MaxBodyBytes"] = "16384",
        [$"Tenants:{Tenant}:Channels:website:RateLimit:PermitLimit"] = permits,
        [$"Tenants:{Tenant}:Channels:website:RateLimit:Window"] = "00:10:00",
        ["Tenants:fuyang-gas:Channels:website:Enabled"] = "false",
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

    private Task<HttpResponseMessage> PostJsonAsync(string what, object body) => _host.Client().PostAsJsonAsync($"/channels/website/{Tenant}/{what}", body, Ct);

    private Task<HttpResponseMessage> PostFormAsync(string what, Dictionary<string, string> fields) =>
        _host.Client().PostAsync($"/channels/website/{Tenant}/{what}", new FormUrlEncodedContent(fields), Ct);

    private void AddCase(string number, string status, string? department = "pipe-network") =>
        _host.Intake.AddCase(new CaseSnapshot(Tenant, number, "hotline", "complaint", status, department, "已修复", DateTimeOffset.UtcNow.AddDays(-3), status == "closed" ? DateTimeOffset.UtcNow : null));

    [Fact]
    public async Task The_page_is_html_with_both_forms_no_external_assets_and_a_strict_policy()
    {
        var response = await _host.Client().GetAsync($"/channels/website/{Tenant}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("lang=\"zh-CN\"");
        html.ShouldContain($"action=\"{Tenant}/complaints\"");
        html.ShouldContain($"action=\"{Tenant}/ratings\"");
        html.ShouldContain("name=\"stars\" value=\"5\"");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("src=");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldContain("方洋水务 &lt;script&gt;");
    }

    [Theory]
    [InlineData("fuyang-gas")]
    [InlineData("no-such-tenant")]
    public async Task A_tenant_without_the_website_has_no_page(string tenant)
    {
        (await _host.Client().GetAsync($"/channels/website/{tenant}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _host.Client().PostAsJsonAsync($"/channels/website/{tenant}/complaints", new { phone = "13912345678", content = "停水三天了" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_complaint_becomes_a_case_and_the_same_complaint_again_does_not()
    {
        var complaint = new { name = "王女士", phone = "13912345678", address = "方洋路 1 号", content = "停水三天了，没有任何通知" };

        var first = await PostJsonAsync("complaints", complaint);
        var again = await PostJsonAsync("complaints", complaint);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var number = (await JsonAsync(first))["number"]!.GetValue<string>();
        var repeated = await JsonAsync(again);
        repeated["number"]!.GetValue<string>().ShouldBe(number);
        repeated["status"]!.GetValue<string>().ShouldBe("existing");
        var submission = _host.Intake.Created.ShouldHaveSingleItem();
        submission.Channel.ShouldBe("website");
        submission.Kind.ShouldBe("complaint");
        submission.Phone.ShouldBe("13912345678");
        submission.ComplainantName.ShouldBe("王女士");
        submission.Anonymous.ShouldBeFalse();
    }

    [Theory]
    [InlineData("phone", "12345", "停水三天了，没有任何通知")]
    [InlineData("phone", "", "停水三天了，没有任何通知")]
    [InlineData("content", "13912345678", "")]
    [InlineData("content", "13912345678", "短")]
    public async Task A_bad_complaint_is_a_problem_naming_the_field(string field, string phone, string content)
    {
        var response = await PostJsonAsync("complaints", new { phone, content });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response))["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue();
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task Overlong_fields_and_non_plain_json_are_refused()
    {
        (await PostJsonAsync("complaints", new { phone = "13912345678", content = new string('水', 2001) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostJsonAsync("complaints", new { phone = "13912345678", content = new { nested = true } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_script_in_a_refused_form_post_comes_back_encoded()
    {
        var response = await PostFormAsync("complaints", new() { ["name"] = Script, ["phone"] = "not a phone" + Script, ["content"] = "内容 " + Script });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
        html.ShouldContain("联系电话");
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_script_in_an_accepted_form_post_is_stored_as_text_and_never_echoed_raw()
    {
        var response = await PostFormAsync("complaints", new() { ["name"] = Script, ["phone"] = "13912345678", ["content"] = "内容 " + Script });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldContain("工单编号");
        _host.Intake.Created.ShouldHaveSingleItem().Content.ShouldBe("内容 " + Script);
    }

    [Fact]
    public async Task A_script_in_a_rating_message_never_appears_unencoded()
    {
        var response = await PostFormAsync("ratings", new() { ["staff"] = "张工" + Script, ["stars"] = "9", ["message"] = Script });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_announced_or_chunked()
    {
        var big = new { phone = "13912345678", content = new string('a', 20_000) };
        (await PostJsonAsync("complaints", big)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"phone\":\"13912345678\",\"content\":\"" + new string('a', 20_000) + "\"}")));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/website/{Tenant}/complaints") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        (await _host.Client().SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task Too_many_submissions_from_one_client_are_refused_with_retry_after()
    {
        await using var host = await StartAsync(permits: "3");
        var client = host.Client();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync($"/channels/website/{Tenant}/complaints", new { phone = "13912345678", content = $"第 {i} 次投诉内容" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var refused = await client.PostAsJsonAsync($"/channels/website/{Tenant}/complaints", new { phone = "13912345678", content = "第 4 次投诉内容" }, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 600);
        host.Intake.Created.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Five_stars_for_a_finished_case_is_praise()
    {
        AddCase("FYW-1", "closed");

        var response = await PostJsonAsync("ratings", new { caseNumber = "FYW-1", stars = 5, message = "师傅很专业" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await JsonAsync(response))["outcome"]!.GetValue<string>().ShouldBe("praise");
        var praise = _host.Intake.Created.ShouldHaveSingleItem();
        praise.Kind.ShouldBe("praise");
        praise.ExternalId.ShouldBe("rating:FYW-1");
        praise.TargetType.ShouldBe("department");
        praise.TargetName.ShouldBe("pipe-network");
        _host.Intake.Notices.ShouldBeEmpty();
    }

    [Fact]
    public async Task Five_stars_for_a_named_staff_member_is_praise_for_that_person()
    {
        (await PostJsonAsync("ratings", new { staff = "张工", stars = "5" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var praise = _host.Intake.Created.ShouldHaveSingleItem();
        praise.Kind.ShouldBe("praise");
        praise.TargetType.ShouldBe("staff");
        praise.TargetName.ShouldBe("张工");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Two_stars_or_fewer_is_a_callback_case_and_a_company_wide_notice(int stars)
    {
        AddCase("FYW-2", "resolved");

        var response = await PostJsonAsync("ratings", new { caseNumber = "FYW-2", staff = "李师傅", stars, message = "态度差 " + Script });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var answer = await JsonAsync(response);
        answer["outcome"]!.GetValue<string>().ShouldBe("callback");
        answer["notice"]!.GetValue<bool>().ShouldBeTrue();
        var callback = _host.Intake.Created.ShouldHaveSingleItem();
        callback.Kind.ShouldBe("complaint");
        callback.ExternalId.ShouldBe("rating:FYW-2");
        callback.TargetType.ShouldBe("staff");
        callback.TargetName.ShouldBe("李师傅");
        callback.Content.ShouldContain("回访");
        callback.Content.ShouldContain("FYW-2");
        var notice = _host.Intake.Notices.ShouldHaveSingleItem();
        notice.Audience.ShouldBe("all");
        notice.Text.ShouldContain("FYW-2");
        notice.Number.ShouldBe(answer["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_rating_per_case_and_no_second_notice()
    {
        AddCase("FYW-3", "closed");
        (await PostJsonAsync("ratings", new { caseNumber = "FYW-3", stars = 1 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await PostJsonAsync("ratings", new { caseNumber = "FYW-3", stars = 2, message = "再评一次" });

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(again))["status"]!.GetValue<string>().ShouldBe("existing");
        _host.Intake.Created.Count.ShouldBe(1);
        _host.Intake.Notices.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_staff_rating_is_idempotent_on_the_submission_id()
    {
        (await PostJsonAsync("ratings", new { staff = "赵工", stars = 2, submissionId = "sub-000000001" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostJsonAsync("ratings", new { staff = "赵工", stars = 2, submissionId = "sub-000000001" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostJsonAsync("ratings", new { staff = "赵工", stars = 2, submissionId = "sub-000000002" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        _host.Intake.Created.Count.ShouldBe(2);
        _host.Intake.Notices.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Three_or_four_stars_keep_a_message_as_feedback_and_need_nothing_without_one()
    {
        var withMessage = await PostJsonAsync("ratings", new { staff = "钱工", stars = 4, message = "等待时间有点长" });
        var without = await PostJsonAsync("ratings", new { staff = "孙工", stars = 3 });

        withMessage.StatusCode.ShouldBe(HttpStatusCode.Created);
        without.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(without))["status"]!.GetValue<string>().ShouldBe("received");
        _host.Intake.Created.ShouldHaveSingleItem().Kind.ShouldBe("suggestion");
        _host.Intake.Notices.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("stars", "FYW-9", "0")]
    [InlineData("stars", "FYW-9", "6")]
    [InlineData("stars", "FYW-9", "abc")]
    [InlineData("stars", "FYW-9", "4.5")]
    [InlineData("caseNumber", "NO-SUCH", "5")]
    [InlineData("caseNumber", "FYW-OPEN", "5")]
    [InlineData("caseNumber", "FYW-REJ", "5")]
    [InlineData("caseNumber", "bad number!", "5")]
    [InlineData("caseNumber", "", "5")]
    public async Task A_bad_rating_is_a_problem_naming_the_field(string field, string caseNumber, string stars)
    {
        AddCase("FYW-9", "closed");
        AddCase("FYW-OPEN", "dispatched");
        AddCase("FYW-REJ", "rejected");

        var response = await PostJsonAsync("ratings", new { caseNumber, stars });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response))["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue();
        _host.Intake.Created.ShouldBeEmpty();
        _host.Intake.Notices.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_rating_form_posts_and_answers_with_the_page()
    {
        AddCase("FYW-4", "closed");

        var response = await PostFormAsync("ratings", new() { ["caseNumber"] = "FYW-4", ["stars"] = "1", ["message"] = "不满意" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("回访");
        _host.Intake.Notices.ShouldHaveSingleItem();
    }
}
