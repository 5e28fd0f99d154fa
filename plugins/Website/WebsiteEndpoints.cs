using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Website;

/// <summary>
/// <c>GET /channels/website/{tenant}</c> (the page), <c>POST …/complaints</c> and <c>POST …/ratings</c> (JSON, or the
/// page's forms: a form post is answered with the page again, carrying the outcome or the errors, encoded).
/// </summary>
public static class WebsiteEndpoints
{
    /// <summary>The statuses of a finished service that may be rated.</summary>
    public static readonly IReadOnlySet<string> RatableStatuses = new HashSet<string>(StringComparer.Ordinal) { CaseStatuses.Resolved, CaseStatuses.Closed, CaseStatuses.Answered };

    public static void Map(IEndpointRouteBuilder channel)
    {
        channel.MapGet("/{tenant}", (string tenant, HttpContext http, IConfiguration configuration, RatingTokens tokens) =>
            Settings(configuration, tenant) is { } settings ? WebsitePages.Page(PagePath(http.Request), settings, rating: RatingLinkInput(tenant, http.Request.Query, tokens)) : NotFound());
        channel.MapPost("/{tenant}/complaints", (string tenant, HttpContext http) => HandleAsync(tenant, http, SubmitComplaintAsync));
        channel.MapPost("/{tenant}/ratings", (string tenant, HttpContext http) => HandleAsync(tenant, http, SubmitRatingAsync));
    }

    private delegate Task<Outcome> Submission(string tenant, WebsiteInput input, IChannelIntake intake, RatingTokens tokens, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The rating form filled from a rating link (<c>?case=…&amp;token=…</c>) when its token is the case's; otherwise
    /// nothing: the page is the same whether or not the number exists.
    /// </summary>
    private static WebsiteInput? RatingLinkInput(string tenant, IQueryCollection query, RatingTokens tokens)
    {
        string? number = query["case"], token = query["token"];
        return number is { Length: > 0 and <= 32 } && WebsiteInput.CaseNumberPattern().IsMatch(number) && tokens.Verify(tenant, number, token)
            ? WebsiteInput.FromFields(new Dictionary<string, string>(StringComparer.Ordinal) { ["caseNumber"] = number, ["token"] = token! })
            : null;
    }

    /// <summary>The rating link of a case, on the page this request came to.</summary>
    private static string RatingLink(HttpRequest request, string number, string token) =>
        $"{PagePath(request)}?case={Uri.EscapeDataString(number)}&token={Uri.EscapeDataString(token)}#rating";

    /// <summary>
    /// The tenant's page this request belongs to: itself for the page (<c>GET …/{tenant}</c>), its parent for a form's
    /// post (<c>…/{tenant}/complaints</c> → <c>…/{tenant}</c>), so the answer page's forms post where the first did.
    /// </summary>
    private static string PagePath(HttpRequest request)
    {
        var path = (request.PathBase.Add(request.Path).Value ?? "").TrimEnd('/');
        return HttpMethods.IsGet(request.Method) ? path : path[..Math.Max(0, path.LastIndexOf('/'))];
    }

    private static WebsiteSettings? Settings(IConfiguration configuration, string tenant) =>
        ChannelSettings.For(configuration, tenant, WebsitePlugin.ChannelId) is { } section ? WebsiteSettings.Read(configuration, tenant, section) : null;

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This tenant has no website channel.");

    private static async Task<IResult> HandleAsync(string tenant, HttpContext http, Submission submit)
    {
        var services = http.RequestServices;
        var settings = Settings(services.GetRequiredService<IConfiguration>(), tenant);
        if (settings is null)
        {
            return NotFound();
        }

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!services.GetRequiredService<ClientRateLimiter>().TryAcquire($"{tenant}|{client}", settings.RateLimitPermits, settings.RateLimitWindow, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many submissions from this address; try again later.");
        }

        var body = await ReadLimitedAsync(http, settings.MaxBodyBytes);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"A submission is at most {settings.MaxBodyBytes} bytes.");
        }

        var contentType = http.Request.ContentType ?? "";
        var isForm = contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        WebsiteInput? input;
        if (isForm)
        {
            input = WebsiteInput.FromForm(Encoding.UTF8.GetString(body.Value.Span));
        }
        else if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            input = WebsiteInput.FromJson(body.Value);
            if (input is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON object of plain values is required"] });
            }
        }
        else
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send application/json or a form.");
        }

        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var tokens = services.GetRequiredService<RatingTokens>();
        var outcome = await submit(tenant, input, services.GetRequiredService<IChannelIntake>(), tokens, now, http.RequestAborted);
        var isRating = http.Request.Path.Value?.EndsWith("/ratings", StringComparison.Ordinal) == true;
        if (!isRating && outcome.Answer is { Number: { } number } answer)
        {
            // The confirmation carries the case's rating link: only the one who filed the complaint can rate it later.
            var token = tokens.For(tenant, number);
            outcome = outcome with { Answer = answer with { RatingToken = token, RatingLink = RatingLink(http.Request, number, token) } };
        }

        if (outcome.Errors.Count > 0)
        {
            return isForm
                ? WebsitePages.Page(PagePath(http.Request), settings, isRating ? null : input, isRating ? input : null, errors: outcome.Errors, status: StatusCodes.Status400BadRequest)
                : Results.ValidationProblem(outcome.Errors);
        }

        if (isForm)
        {
            return WebsitePages.Page(PagePath(http.Request), settings, notice: outcome.Message, ratingLink: outcome.Answer?.RatingLink);
        }

        return Results.Json(outcome.Answer, WebsiteJsonContext.Default.WebsiteAnswer, statusCode: outcome.Answer!.Status == "created" ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (announced or not).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<Outcome> SubmitComplaintAsync(string tenant, WebsiteInput input, IChannelIntake intake, RatingTokens tokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = input.Text("name", 32, errors);
        var phone = input.Phone("phone", errors, required: true);
        var address = input.Text("address", 200, errors);
        var content = input.Text("content", 2000, errors, required: true, min: 5);
        var submissionId = input.SubmissionId(errors);
        if (errors.Count > 0)
        {
            return new Outcome(errors);
        }

        var receipt = await intake.SubmitAsync(
            new IntakeSubmission
            {
                Tenant = tenant,
                Channel = WebsitePlugin.ChannelId,
                ExternalId = "complaint:" + (submissionId ?? WebsiteInput.ContentKey(now, phone, content, name, address)),
                Kind = "complaint",
                Content = content!,
                ReceivedAt = now,
                ComplainantName = name,
                Phone = phone,
                Address = address,
                Anonymous = name is null,
            },
            cancellationToken);
        return Receipt(receipt, "complaint", notice: false, $"投诉已收到，工单编号 {receipt.Number}。我们会尽快与您联系。");
    }

    private static async Task<Outcome> SubmitRatingAsync(string tenant, WebsiteInput input, IChannelIntake intake, RatingTokens tokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var caseNumber = input.Text("caseNumber", 32, errors);
        var staff = input.Text("staff", 32, errors);
        var message = input.Text("message", 500, errors);
        var phone = input.Phone("phone", errors, required: false);
        var name = input.Text("name", 32, errors);
        var submissionId = input.SubmissionId(errors);
        var token = input.Text("token", 64, errors);
        var starsText = input["stars"];
        var stars = 0;
        if (starsText is null || !int.TryParse(starsText, NumberStyles.None, CultureInfo.InvariantCulture, out stars) || stars is < RatingRules.MinStars or > RatingRules.MaxStars)
        {
            errors["stars"] = ["请选择 1–5 星 (1 to 5 stars)"];
        }

        if (caseNumber is not null && !WebsiteInput.CaseNumberPattern().IsMatch(caseNumber))
        {
            errors["caseNumber"] = ["工单编号格式不正确 (letters, digits and '-')"];
            caseNumber = null;
        }
        else if (caseNumber is null && staff is null && !errors.ContainsKey("caseNumber") && !errors.ContainsKey("staff"))
        {
            errors["caseNumber"] = ["请填写工单编号或工作人员姓名 (a case number or a staff member)"];
        }

        CaseSnapshot? rated = null;
        if (caseNumber is not null)
        {
            // The token first, before the case is looked up: without the customer's link the answer is the same
            // whether or not the number exists, and nothing is read or changed.
            rated = tokens.Verify(tenant, caseNumber, token) ? await intake.FindAsync(tenant, caseNumber, cancellationToken) : null;
            if (rated is null)
            {
                errors["token"] = [NoRatingLink];
            }
            else if (!RatableStatuses.Contains(rated.Status))
            {
                errors["caseNumber"] = ["该工单尚未办结，暂不能评价 (the case is not finished)"];
            }
        }

        if (errors.Count > 0)
        {
            return new Outcome(errors);
        }

        var decision = RatingRules.Decide(stars);
        if (decision.Kind == "suggestion" && message is null)
        {
            return new Outcome(new Dictionary<string, string[]>(), new WebsiteAnswer(null, "received", decision.Outcome, false), "感谢您的评价。");
        }

        var subject = rated is not null ? $"工单 {rated.Number}" : $"工作人员 {staff}";
        var content = decision switch
        {
            { Callback: true } => $"【低评分回访】网站评价 {stars} 星（{subject}{(staff is not null && rated is not null ? $"，工作人员 {staff}" : "")}）。须电话回访客户，了解不满意的原因。客户留言：{message ?? "（无）"}",
            { Kind: "praise" } => $"【表扬】网站评价 5 星（{subject}）。客户留言：{message ?? "（无）"}",
            _ => $"【评价意见】网站评价 {stars} 星（{subject}）。客户留言：{message}",
        };
        var externalId = rated is not null
            ? "rating:" + rated.Number
            : "rating:staff:" + (submissionId ?? WebsiteInput.ContentKey(now, staff, stars.ToString(CultureInfo.InvariantCulture), message, phone));
        var receipt = await intake.SubmitAsync(
            new IntakeSubmission
            {
                Tenant = tenant,
                Channel = WebsitePlugin.ChannelId,
                ExternalId = externalId,
                Kind = decision.Kind,
                Content = content,
                ReceivedAt = now,
                ComplainantName = name,
                Phone = phone,
                Anonymous = name is null && phone is null,
                TargetType = staff is not null ? "staff" : rated?.Department is not null ? "department" : "company",
                TargetName = staff ?? rated?.Department,
            },
            cancellationToken);

        var noticed = false;
        if (decision.Notice && receipt.Status == IntakeStatus.Created)
        {
            await intake.PublishNoticeAsync(
                tenant,
                "all",
                $"【通报】网站服务评价 {stars} 星：{subject}{(staff is not null && rated is not null ? $"，工作人员 {staff}" : "")}。已建回访工单 {receipt.Number}。客户留言：{message ?? "（无）"}",
                receipt.Number,
                cancellationToken);
            noticed = true;
        }

        var thanks = decision.Callback ? $"感谢您的评价。我们会电话回访了解情况（回访工单 {receipt.Number}）。" : "感谢您的评价。";
        return Receipt(receipt, decision.Outcome, noticed, receipt.Status == IntakeStatus.Existing ? "此评价已收到，无需重复提交。" : thanks);
    }

    private static Outcome Receipt(IntakeReceipt receipt, string outcome, bool notice, string message) => receipt.Status switch
    {
        IntakeStatus.Refused => new Outcome(new Dictionary<string, string[]> { [receipt.Field ?? "body"] = [receipt.Problem ?? "refused"] }),
        _ => new Outcome(
            new Dictionary<string, string[]>(),
            new WebsiteAnswer(receipt.Number, receipt.Status == IntakeStatus.Created ? "created" : "existing", outcome, notice),
            message),
    };

    /// <summary>The one answer to a case rating without the case's link token, whether or not the case exists.</summary>
    public const string NoRatingLink = "请通过投诉受理确认中的评价链接评价该工单 (rate a case through the rating link of its confirmation)";

    private sealed record Outcome(Dictionary<string, string[]> Errors, WebsiteAnswer? Answer = null, string? Message = null);
}
