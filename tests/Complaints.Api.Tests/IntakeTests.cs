using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Complaints.Api.Tests;

/// <summary>Registration: numbering, idempotency, bad input, and the ledger's filters.</summary>
public sealed class IntakeTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    [Fact]
    public async Task The_same_channel_and_external_id_again_returns_the_existing_case()
    {
        var client = await _desk.As("agent");
        var body = new { channel = "wechat", kind = "complaint", content = "停水了", externalId = "msg-" + Guid.NewGuid() };
        var first = await client.PostAsJsonAsync(_desk.Complaints, body).ExpectAsync(HttpStatusCode.Created);
        var again = await client.PostAsJsonAsync(_desk.Complaints, body).ExpectAsync(HttpStatusCode.OK);
        again.Str("number").ShouldBe(first.Str("number"));

        // Another channel may use the same external id for its own, different item.
        var other = await client.PostAsJsonAsync(_desk.Complaints, body with { channel = "website" }).ExpectAsync(HttpStatusCode.Created);
        other.Str("number").ShouldNotBe(first.Str("number"));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_item_create_one_case()
    {
        var client = await _desk.As("agent");
        var body = new { channel = "gov-12345", kind = "complaint", content = "路面积水", externalId = "GD-" + Guid.NewGuid() };
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostAsJsonAsync(_desk.Complaints, body)));
        responses.ShouldAllBe(r => r.IsSuccessStatusCode);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.ObjectAsync()).Str("number")));
        numbers.Distinct().Count().ShouldBe(1);
        var list = await client.GetAsync($"{_desk.Complaints}?channel=gov-12345&q=路面积水&pageSize=500").ExpectAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Count(i => i.Str("number") == numbers[0]).ShouldBe(1);
    }

    [Fact]
    public async Task Numbers_are_unique_and_readable_under_concurrent_intake()
    {
        var client = await _desk.As("agent");
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            client.PostAsJsonAsync(_desk.Complaints, new { channel = "hotline", kind = "complaint", content = $"并发登记 {i}" })));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.ObjectAsync()).Str("number")));
        numbers.Distinct().Count().ShouldBe(60);
        numbers.ShouldAllBe(n => System.Text.RegularExpressions.Regex.IsMatch(n, $@"^FYW-{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year}-\d{{6}}$"));
        responses.ShouldAllBe(r => r.Headers.Location!.ToString().StartsWith("/api/v1/tenants/fangyang-water/complaints/FYW-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_item_with_its_received_date_keeps_both_dates()
    {
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var created = await _desk.RegisterAsync(new { channel = "suggestion-box", kind = "suggestion", content = "营业厅应增加座椅", receivedAt = received, complainant = new { anonymous = true } });
        DateTimeOffset.Parse(created.Str("receivedAt"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(received);
        DateTimeOffset.Parse(created.Str("registeredAt"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(received);
        created["complainant"]!["anonymous"]!.GetValue<bool>().ShouldBeTrue();
        created.Str("receivedAt").ShouldEndWith("+08:00");
    }

    [Theory]
    [InlineData("""{"channel":"hotline","kind":"complaint"}""", "content")]
    [InlineData("""{"channel":"hotline","kind":"grumble","content":"x"}""", "kind")]
    [InlineData("""{"kind":"complaint","content":"x"}""", "channel")]
    [InlineData("""{"channel":"hotline","kind":"complaint","content":"x","category":"no-such"}""", "category")]
    [InlineData("""{"channel":"hotline","kind":"complaint","content":"x","complainant":{"phone":"call me"}}""", "complainant.phone")]
    [InlineData("""{"channel":"hotline","kind":"complaint","content":"x","target":{"type":"staff"}}""", "target.name")]
    [InlineData("""{"channel":"hotline","kind":"complaint","content":"x","target":{"type":"mayor","name":"x"}}""", "target.type")]
    [InlineData("""{"channel":"hotline","kind":"complaint","content":"x","receivedAt":"yesterday"}""", "receivedAt")]
    [InlineData("""{"channel":"hotline","kind":"complaint","content":"x","complainant":{"anonymous":"maybe"}}""", "complainant.anonymous")]
    public async Task Bad_input_is_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var client = await _desk.As("agent");
        var before = (await client.GetAsync($"{_desk.Complaints}?pageSize=1").ExpectAsync(HttpStatusCode.OK))["total"]!.GetValue<int>();
        var response = await client.PostAsync(_desk.Complaints, new StringContent(body, Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ObjectAsync();
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
        var after = (await client.GetAsync($"{_desk.Complaints}?pageSize=1").ExpectAsync(HttpStatusCode.OK))["total"]!.GetValue<int>();
        after.ShouldBe(before);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_clearly()
    {
        var client = await _desk.As("agent");
        (await client.PostAsync(_desk.Complaints, new StringContent("{\"channel\": ", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync(_desk.Complaints, new StringContent("channel=hotline", Encoding.UTF8, "text/plain"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var number = (await _desk.RegisterAsync()).Str("number");
        var problem = await _desk.ActAsync(number, "accept", new { category = "no-such-category" }, "agent", HttpStatusCode.BadRequest);
        problem["errors"]!["category"].ShouldNotBeNull();
        var callback = await _desk.ActAsync(number, "accept", new { }, "agent", HttpStatusCode.BadRequest);
        callback["errors"]!["category"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_ledger_filters_by_status_department_category_channel_text_and_time()
    {
        var marker = "滤镜" + Guid.NewGuid().ToString("N")[..6];
        var client = await _desk.As("agent");
        var a = (await _desk.RegisterAsync(new { channel = "website", kind = "complaint", content = $"{marker} 水质发黄", complainant = new { name = "李四" } })).Str("number");
        var b = (await _desk.RegisterAsync(new { channel = "hotline", kind = "complaint", content = $"{marker} 水压低" })).Str("number");
        await _desk.ActAsync(b, "accept", new { category = "water-pressure" }, "agent");
        await _desk.ActAsync(b, "dispatch", new { department = "pipe-network" }, "agent");

        async Task<List<string>> Find(string query) =>
            [.. (await client.GetAsync($"{_desk.Complaints}?q={marker}&{query}").ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(i => i.Str("number"))];

        (await Find("")).ShouldBe([b, a], ignoreOrder: true);
        (await Find("status=dispatched")).ShouldBe([b]);
        (await Find("status=registered")).ShouldBe([a]);
        (await Find("department=pipe-network")).ShouldBe([b]);
        (await Find("category=water-pressure")).ShouldBe([b]);
        (await Find("channel=website")).ShouldBe([a]);
        (await Find("overdue=true")).ShouldBeEmpty();
        (await Find($"from={DateTimeOffset.UtcNow.AddHours(1):O}".Replace("+", "%2B", StringComparison.Ordinal))).ShouldBeEmpty();
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await Find($"from={today}&to={today}")).Count.ShouldBe(2);
        var byName = await client.GetAsync($"{_desk.Complaints}?q=李四").ExpectAsync(HttpStatusCode.OK);
        byName["items"]!.AsArray().Select(i => i.Str("number")).ShouldContain(a);
        var paged = await client.GetAsync($"{_desk.Complaints}?q={marker}&pageSize=1&page=2").ExpectAsync(HttpStatusCode.OK);
        paged["items"]!.AsArray().Single()!.Str("number").ShouldBe(a);
        paged["total"]!.GetValue<int>().ShouldBe(2);

        (await client.GetAsync($"{_desk.Complaints}?status=lost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"{_desk.Complaints}?pageSize=100000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"{_desk.Complaints}?from=soon")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
