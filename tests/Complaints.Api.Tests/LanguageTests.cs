using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>Problem details are in the reader's language: Chinese unless Accept-Language asks for English.</summary>
public sealed class LanguageTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    [Theory]
    [InlineData(null, "客服受理员无权执行此操作。")]
    [InlineData("fr-FR, de;q=0.8", "客服受理员无权执行此操作。")]
    [InlineData("en", "A user with the role agent may not do this.")]
    [InlineData("en-GB,en;q=0.9,zh-CN;q=0.5", "A user with the role agent may not do this.")]
    public async Task A_refusal_is_chinese_by_default_and_english_when_asked_for(string? acceptLanguage, string detail)
    {
        var number = (await _desk.RegisterAsync()).Str("number");

        var problem = await SendAsync(HttpMethod.Post, $"{_desk.Complaints}/{number}/approve-dispatch", new { note = "同意" }, acceptLanguage, HttpStatusCode.Forbidden);

        problem.Str("detail").ShouldBe(detail);
    }

    [Theory]
    [InlineData(null, "无权操作", "当前状态下不能这样做", "未找到")]
    [InlineData("en", "Forbidden", "Conflict", "Not Found")]
    public async Task A_problems_title_is_in_the_readers_language_too(string? acceptLanguage, string forbidden, string conflict, string notFound)
    {
        var number = (await _desk.RegisterAsync()).Str("number");

        (await SendAsync(HttpMethod.Post, $"{_desk.Complaints}/{number}/approve-dispatch", new { note = "同意" }, acceptLanguage, HttpStatusCode.Forbidden)).Str("title").ShouldBe(forbidden);
        (await SendAsync(HttpMethod.Post, $"{_desk.Complaints}/{number}/record-callback", new { satisfaction = "satisfied" }, acceptLanguage, HttpStatusCode.Conflict)).Str("title").ShouldBe(conflict);
        (await SendAsync(HttpMethod.Get, $"{_desk.Complaints}/FYW-2026-999999", null, acceptLanguage, HttpStatusCode.NotFound)).Str("title").ShouldBe(notFound);
    }

    [Theory]
    [InlineData(null, "案件 {0} 当前状态为“待受理”，现在不能回访。")]
    [InlineData("en", "Case {0} is registered: it cannot be called back now.")]
    public async Task A_status_conflict_names_the_status_and_the_action_in_the_readers_words(string? acceptLanguage, string detail)
    {
        var number = (await _desk.RegisterAsync()).Str("number");

        var problem = await SendAsync(HttpMethod.Post, $"{_desk.Complaints}/{number}/record-callback", new { satisfaction = "satisfied" }, acceptLanguage, HttpStatusCode.Conflict);

        problem.Str("detail").ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, number));
    }

    [Theory]
    [InlineData(null, "请求中有字段不正确。", "此项必填。", "没有“{0}”这一项。可选：")]
    [InlineData("en-US", "The request has invalid fields.", "This field is required.", "Unknown value '{0}'. Known: ")]
    public async Task A_field_error_names_the_field_in_the_readers_language(string? acceptLanguage, string title, string required, string unknown)
    {
        var missing = await SendAsync(HttpMethod.Post, _desk.Complaints, new { channel = "hotline", kind = "complaint" }, acceptLanguage, HttpStatusCode.BadRequest);
        missing.Str("title").ShouldBe(title);
        missing["errors"]!["content"]!.AsArray().Single()!.GetValue<string>().ShouldBe(required);

        var wrong = await SendAsync(HttpMethod.Get, $"{_desk.Complaints}?status=lost", null, acceptLanguage, HttpStatusCode.BadRequest);
        wrong["errors"]!["status"]!.AsArray().Single()!.GetValue<string>().ShouldStartWith(unknown.Replace("{0}", "lost", StringComparison.Ordinal));
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, object? body, string? acceptLanguage, HttpStatusCode expected)
    {
        var client = await _desk.As("agent");
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return await client.SendAsync(request).ExpectAsync(expected);
    }
}
