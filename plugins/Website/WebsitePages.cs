using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Complaints.Channels.Website;

/// <summary>
/// The public pages, written by hand: no external assets, no script, every value from outside (the tenant's name,
/// what the visitor typed, error messages) HTML-encoded.
/// </summary>
public static class WebsitePages
{
    /// <summary>Encodes &lt; &gt; &amp; " ' and more; keeps Chinese readable.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? value) => Html.Encode(value ?? "");

    public static IResult Page(string page, WebsiteSettings settings, WebsiteInput? complaint = null, WebsiteInput? rating = null, string? notice = null, IReadOnlyDictionary<string, string[]>? errors = null, int status = 200, string? ratingLink = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var html = new StringBuilder();
        string Value(WebsiteInput? input, string name) => Encode(input?[name]);

        html.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Encode(settings.Title)}} · 投诉与服务评价</title>
            <style>
            body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:44rem;margin:1rem auto;padding:0 1rem;color:#222}
            h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}label{display:block;margin:.6rem 0 .2rem}
            input[type=text],input[type=tel],textarea{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
            textarea{min-height:7rem}.stars label{display:inline;margin-right:1rem}button{margin-top:1rem;padding:.5rem 1.5rem;font:inherit}
            .notice{background:#eef7ee;border:1px solid #9c9;padding:.6rem}.errors{background:#fdeeee;border:1px solid #c99;padding:.6rem}
            </style>
            </head>
            <body>
            <h1>{{Encode(settings.Title)}}</h1>
            """);

        if (notice is not null)
        {
            html.Append($"<p class=\"notice\" role=\"status\">{Encode(notice)}</p>\n");
        }

        if (ratingLink is not null)
        {
            html.Append($"<p class=\"notice\">工单办结后，请通过此链接评价服务（请保存，勿转给他人）：<a href=\"{Encode(ratingLink)}\">{Encode(ratingLink)}</a></p>\n");
        }

        if (errors is { Count: > 0 })
        {
            html.Append("<div class=\"errors\" role=\"alert\"><p>提交未成功，请检查：</p><ul>\n");
            foreach (var (field, messages) in errors)
            {
                html.Append($"<li>{Encode(Label(field))}：{Encode(string.Join("；", messages))}</li>\n");
            }

            html.Append("</ul></div>\n");
        }

        html.Append($$"""
            <h2 id="complaint">我要投诉</h2>
            <form method="post" action="{{Encode(page)}}/complaints" accept-charset="utf-8">
            <label for="c-name">姓名（可不填）</label><input type="text" id="c-name" name="name" maxlength="32" value="{{Value(complaint, "name")}}">
            <label for="c-phone">联系电话（必填，用于回访）</label><input type="tel" id="c-phone" name="phone" maxlength="20" required value="{{Value(complaint, "phone")}}">
            <label for="c-address">地址（可不填）</label><input type="text" id="c-address" name="address" maxlength="200" value="{{Value(complaint, "address")}}">
            <label for="c-content">投诉内容（必填，5–2000 字）</label><textarea id="c-content" name="content" minlength="5" maxlength="2000" required>{{Value(complaint, "content")}}</textarea>
            <button type="submit">提交投诉</button>
            </form>

            <h2 id="rating">服务评价</h2>
            <p>请对已办结的工单（填写工单编号）或对某位工作人员（填写姓名）打分。</p>
            <form method="post" action="{{Encode(page)}}/ratings" accept-charset="utf-8">
            <p>评价工单须使用投诉受理时给您的评价链接。</p>
            <label for="r-case">工单编号</label><input type="text" id="r-case" name="caseNumber" maxlength="32" value="{{Value(rating, "caseNumber")}}">
            <input type="hidden" name="token" value="{{Value(rating, "token")}}">
            <label for="r-staff">工作人员姓名</label><input type="text" id="r-staff" name="staff" maxlength="32" value="{{Value(rating, "staff")}}">
            <fieldset class="stars"><legend>评分（必选）</legend>
            """);
        for (var stars = RatingRules.MaxStars; stars >= RatingRules.MinStars; stars--)
        {
            var chosen = rating?["stars"] == stars.ToString(System.Globalization.CultureInfo.InvariantCulture) ? " checked" : "";
            html.Append($"<label><input type=\"radio\" name=\"stars\" value=\"{stars}\" required{chosen}> {new string('★', stars)}</label>\n");
        }

        html.Append($$"""
            </fieldset>
            <label for="r-message">留言（可不填，最多 500 字）</label><textarea id="r-message" name="message" maxlength="500">{{Value(rating, "message")}}</textarea>
            <label for="r-phone">联系电话（可不填，低于三星时我们会电话回访）</label><input type="tel" id="r-phone" name="phone" maxlength="20" value="{{Value(rating, "phone")}}">
            <button type="submit">提交评价</button>
            </form>
            </body>
            </html>
            """);

        return new HtmlResult(html.ToString(), status);
    }

    private static string Label(string field) => field switch
    {
        "name" => "姓名",
        "phone" => "联系电话",
        "address" => "地址",
        "content" => "投诉内容",
        "caseNumber" => "工单编号",
        "staff" => "工作人员姓名",
        "stars" => "评分",
        "message" => "留言",
        "token" => "评价链接",
        _ => field,
    };

    /// <summary>An HTML answer with the headers a public page needs: no script, no framing, no sniffing, not cached.</summary>
    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.CacheControl = "no-store";
            return response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
