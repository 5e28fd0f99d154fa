using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Testing.Channels;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Website.Tests;

public sealed class WebsiteTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string Script = "<script>alert('x')</script>";

    /// <summary>The tenant's rating key, configured as production would (32 bytes, base64).</summary>
    private static readonly byte[] RatingKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private PluginHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static Task<PluginHost> StartAsync(string permits = "1000") => PluginHost.StartAsync(new WebsitePlugin(), new Dictionary<string, string?>
    {
        [$"Tenants:{Tenant}:Name"] = "方洋水务 " + Script,
        [$"Tenants:{Tenant}:Channels:website:MaxBodyBytes"] = "16384",
        [$"Tenants:{Tenant}:Channels:website:RateLimit:PermitLimit"] = permits,
        [$"Tenants:{Tenant}:Channels:website:RateLimit:Window"] = "00:10:00",
        [$"Tenants:{Tenant}:Channels:website:RatingKey"] = Convert.ToBase64String(RatingKey),
        ["Tenants:fuyang-gas:Channels:website:Enabled"] = "false",
    });

    /// <summary>The token of the rating link the customer of <paramref name="number"/> received.</summary>
    private static string Link(string number) => RatingTokens.Compute(RatingKey, Tenant, number);

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
        html.ShouldContain($"action=\"/channels/website/{Tenant}/complaints\"");
        html.ShouldContain($"action=\"/channels/website/{Tenant}/ratings\"");
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

        // The answer page's forms post where the first page's did (not one level deeper, under …/complaints/).
        html.ShouldContain($"action=\"/channels/website/{Tenant}/complaints\"");
        html.ShouldContain($"action=\"/channels/website/{Tenant}/ratings\"");
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

        var response = await PostJsonAsync("ratings", new { caseNumber = "FYW-1", token = Link("FYW-1"), stars = 5, message = "师傅很专业" });

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

        var response = await PostJsonAsync("ratings", new { caseNumber = "FYW-2", token = Link("FYW-2"), staff = "李师傅", stars, message = "态度差 " + Script });

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
        (await PostJsonAsync("ratings", new { caseNumber = "FYW-3", token = Link("FYW-3"), stars = 1 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await PostJsonAsync("ratings", new { caseNumber = "FYW-3", token = Link("FYW-3"), stars = 2, message = "再评一次" });

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
    [InlineData("token", "NO-SUCH", "5")]
    [InlineData("caseNumber", "FYW-OPEN", "5")]
    [InlineData("caseNumber", "FYW-REJ", "5")]
    [InlineData("caseNumber", "bad number!", "5")]
    [InlineData("caseNumber", "", "5")]
    public async Task A_bad_rating_is_a_problem_naming_the_field(string field, string caseNumber, string stars)
    {
        AddCase("FYW-9", "closed");
        AddCase("FYW-OPEN", "dispatched");
        AddCase("FYW-REJ", "rejected");

        var response = await PostJsonAsync("ratings", new { caseNumber, token = Link(caseNumber), stars });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response))["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue();
        _host.Intake.Created.ShouldBeEmpty();
        _host.Intake.Notices.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_rating_form_posts_and_answers_with_the_page()
    {
        AddCase("FYW-4", "closed");

        var response = await PostFormAsync("ratings", new() { ["caseNumber"] = "FYW-4", ["token"] = Link("FYW-4"), ["stars"] = "1", ["message"] = "不满意" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("回访");
        _host.Intake.Notices.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_complaint_is_confirmed_with_the_cases_rating_link_which_fills_the_rating_form()
    {
        var response = await PostJsonAsync("complaints", new { phone = "13912345678", content = "停水三天了，没有任何通知" });

        var answer = await JsonAsync(response);
        var number = answer["number"]!.GetValue<string>();
        var token = answer["ratingToken"]!.GetValue<string>();
        token.ShouldBe(Link(number));
        var link = answer["ratingLink"]!.GetValue<string>();
        link.ShouldBe($"/channels/website/{Tenant}?case={number}&token={token}#rating");

        var page = await (await _host.Client().GetAsync(link, Ct)).Content.ReadAsStringAsync(Ct);
        page.ShouldContain($"name=\"caseNumber\" maxlength=\"32\" value=\"{number}\"");
        page.ShouldContain($"name=\"token\" value=\"{token}\"");

        _host.Intake.AddCase(new CaseSnapshot(Tenant, number, "website", "complaint", "closed", "pipe-network", "已修复", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow));
        var rating = await PostFormAsync("ratings", new() { ["caseNumber"] = number, ["token"] = token, ["stars"] = "5" });
        rating.StatusCode.ShouldBe(HttpStatusCode.OK);
        _host.Intake.Created.Count(c => c.Kind == "praise").ShouldBe(1);
    }

    [Fact]
    public async Task The_form_confirmation_shows_the_rating_link_encoded()
    {
        var response = await PostFormAsync("complaints", new() { ["phone"] = "13912345678", ["content"] = "路灯下的水管漏水了" });

        var html = await response.Content.ReadAsStringAsync(Ct);
        var number = System.Text.RegularExpressions.Regex.Match(html, "工单编号 ([A-Za-z0-9-]+)").Groups[1].Value;
        number.ShouldNotBeEmpty();
        html.ShouldContain($"href=\"/channels/website/{Tenant}?case={number}&amp;token={Link(number)}#rating\"");
    }

    [Fact]
    public async Task Without_the_cases_link_token_a_rating_is_answered_the_same_whether_or_not_the_number_exists_and_changes_nothing()
    {
        AddCase("FYW-5", "closed");
        var answers = new List<string>();
        foreach (var (number, token) in new[] { ("FYW-5", (string?)null), ("FYW-404", null), ("FYW-5", "forged-token-000000000"), ("FYW-404", "forged-token-000000000"), ("FYW-5", Link("FYW-6")), ("FYW-404", Link("FYW-6")), ("FYW-5", RatingTokens.Compute(RatingKey, "fuyang-gas", "FYW-5")) })
        {
            var response = await PostJsonAsync("ratings", new { caseNumber = number, token, stars = 1, message = "冒充客户的差评" });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var errors = (await JsonAsync(response))["errors"]!.AsObject();
            errors.Select(e => e.Key).ShouldBe(["token"]);
            answers.Add(errors.ToJsonString());

            var form = await PostFormAsync("ratings", new() { ["caseNumber"] = "FYW-X", ["token"] = token ?? "", ["stars"] = "1" });
            form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        answers.Distinct().ShouldHaveSingleItem();
        _host.Intake.Created.ShouldBeEmpty();
        _host.Intake.Notices.ShouldBeEmpty();

        // The real customer's rating, later, is the one kept.
        (await PostJsonAsync("ratings", new { caseNumber = "FYW-5", token = Link("FYW-5"), stars = 4, message = "还可以" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        _host.Intake.Created.ShouldHaveSingleItem().ExternalId.ShouldBe("rating:FYW-5");
    }

    [Fact]
    public async Task The_rating_page_without_a_valid_link_is_the_same_for_an_existing_and_an_unknown_number()
    {
        AddCase("FYW-7", "closed");
        async Task<string> PageAsync(string query) => await (await _host.Client().GetAsync($"/channels/website/{Tenant}{query}", Ct)).Content.ReadAsStringAsync(Ct);

        var plain = await PageAsync("");
        (await PageAsync("?case=FYW-7")).ShouldBe(plain);
        (await PageAsync("?case=FYW-404")).ShouldBe(plain);
        (await PageAsync("?case=FYW-7&token=forged-token-000000000")).ShouldBe(plain);
        (await PageAsync($"?case=FYW-7&token={Link("FYW-8")}")).ShouldBe(plain);
        (await PageAsync($"?case=FYW-7&token={Link("FYW-7")}")).ShouldNotBe(plain);
    }

    [Fact]
    public async Task Without_a_configured_key_one_is_made_once_in_the_data_directory_owner_only_and_kept_across_restarts()
    {
        var data = Directory.CreateTempSubdirectory("website-rating-");
        try
        {
            var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.FullName, [$"Tenants:{Tenant}:Channels:website:RateLimit:PermitLimit"] = "100" };
            string link;
            await using (var first = await PluginHost.StartAsync(new WebsitePlugin(), settings))
            {
                var answer = JsonNode.Parse(await (await first.Client().PostAsJsonAsync($"/channels/website/{Tenant}/complaints", new { phone = "13912345678", content = "水表井盖破损了" }, Ct)).Content.ReadAsStringAsync(Ct))!;
                link = answer["ratingLink"]!.GetValue<string>();
            }

            var key = Path.Combine(data.FullName, RatingTokens.KeyFileName);
            Convert.FromBase64String(await File.ReadAllTextAsync(key, Ct)).Length.ShouldBeGreaterThanOrEqualTo(32);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await using var second = await PluginHost.StartAsync(new WebsitePlugin(), settings);
            var plain = await (await second.Client().GetAsync($"/channels/website/{Tenant}", Ct)).Content.ReadAsStringAsync(Ct);
            (await (await second.Client().GetAsync(link, Ct)).Content.ReadAsStringAsync(Ct)).ShouldNotBe(plain);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_malformed_or_short_configured_key_stops_the_start(string key)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Tenants:{Tenant}:Channels:website:RatingKey"] = key })
            .Build();

        Should.Throw<InvalidOperationException>(() => new RatingTokens(configuration)).Message.ShouldContain("RatingKey");
    }
}
