using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;
using Complaints.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Complaints.Api;

/// <summary>
/// A notification for its reader: <see cref="Message"/> in the reader's language (Accept-Language; zh-CN by default),
/// <see cref="Read"/> whether this user has marked it read.
/// </summary>
public sealed record NotificationResponse(string Id, string Recipient, string Number, string Type, string? Clock, DateTimeOffset? DueAt, DateTimeOffset At, string Message, bool Read);

/// <summary>A page of my notifications, with how many of all of them (any page) I have not read.</summary>
public sealed record NotificationPageResponse(IReadOnlyList<NotificationResponse> Items, int Total, int Page, int PageSize, int UnreadCount);

/// <summary>How many notifications a "mark all read" marked.</summary>
public sealed record NotificationsMarked(int Marked);

/// <summary>Case numbers <see cref="First"/>…<see cref="Last"/> that no case will have (a crash), found at <see cref="DetectedAt"/>.</summary>
public sealed record NumberGapResponse(int Year, string First, string Last, long Count, DateTimeOffset DetectedAt, string Reason);

internal static class ReportsApi
{
    public static void MapReportsApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/notifications", Notifications)
            .WithTags("notifications")
            .Produces<NotificationPageResponse>()
            .WithSummary("My notifications (my department, my role, me), newest first, in my language; unread=true lists the unread only.");

        tenant.MapGet("/notifications/stream", NotificationStream.StreamAsync)
            .WithTags("notifications")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("My notifications pushed as they are written (Server-Sent Events, id = notification id; Last-Event-ID resumes).");

        tenant.MapPost("/notifications/{id}/read", MarkRead)
            .WithTags("notifications")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Marks one of my notifications read, for me only.");

        tenant.MapPost("/notifications/read", MarkAllRead)
            .WithTags("notifications")
            .Produces<NotificationsMarked>()
            .WithSummary("Marks all my notifications read, for me only.");

        tenant.MapDailyLists();

        tenant.MapGet("/numbers/gaps", NumberGaps)
            .WithTags("reports")
            .Produces<IReadOnlyList<NumberGapResponse>>()
            .WithSummary("Case numbers that no case will ever have (left by a crash), when they were found and why: the auditors' list.");
    }

    private static async Task<IResult> NumberGaps(string tenant, ClaimsPrincipal user, ICaseNumberBlocks numbers, TenantDirectory tenants, CancellationToken cancellationToken)
    {
        var role = user.Actor().Role;
        if (role != Roles.Supervisor && role != Roles.Admin)
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, new Text(TextKeys.Refusals.Role, Roles.Word(role)));
        }

        var prefix = tenants.Find(tenant)!.NumberPrefix;
        var gaps = await numbers.GapsAsync(tenant, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<NumberGapResponse>>(
            [.. gaps.Select(g => new NumberGapResponse(g.Year, CaseNumber.Of(prefix, g.Year, g.First), CaseNumber.Of(prefix, g.Year, g.Last), g.Count, g.DetectedAt, g.Reason))]);
    }

    private static async Task<IResult> Notifications(
        string tenant, ClaimsPrincipal user, IClockRecords records, string? since, string? page, string? pageSize, string? unread, CancellationToken cancellationToken)
    {
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.None, out var s))
            {
                return ApiResults.Invalid("since", new Text(TextKeys.Input.DateTimeWithOffset, "2026-11-22T08:00:00+08:00"));
            }

            if (InputDates.Problem(s) is { } outside)
            {
                return ApiResults.Invalid("since", outside);
            }

            from = s;
        }

        if (unread is not (null or "true" or "false"))
        {
            return ApiResults.Invalid("unread", new Text(TextKeys.Input.Boolean));
        }

        if (!Paging.TryRead(page, pageSize, out var number, out var size, out var problem))
        {
            return problem!;
        }

        var culture = ApiResults.Reader;
        var result = await records.NotificationsAsync(
            new NotificationQuery(tenant, NotificationReader.RecipientsOf(user), from, number, size) { Reader = user.Actor().User, UnreadOnly = unread == "true" },
            cancellationToken);
        return TypedResults.Ok(new NotificationPageResponse(
            [.. result.Items.Select(n => NotificationReader.Response(n, culture, result.Read.Contains(n.Id)))],
            result.Total,
            number,
            size,
            result.Unread));
    }

    private static async Task<IResult> MarkRead(string tenant, string id, ClaimsPrincipal user, IClockRecords records, TimeProvider time, CancellationToken cancellationToken)
    {
        if (InputText.Problem(id, InputLimits.Identifier) is { } problem)
        {
            return ApiResults.Invalid("id", problem);
        }

        var marked = await records.MarkReadAsync(tenant, user.Actor().User, NotificationReader.RecipientsOf(user), [id], time.GetUtcNow(), cancellationToken);
        if (marked == 0 && await records.StoredAtAsync(tenant, id, cancellationToken) is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, new Text(TextKeys.Notifications.NotFound, id));
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> MarkAllRead(string tenant, ClaimsPrincipal user, IClockRecords records, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationsMarked(
            await records.MarkReadAsync(tenant, user.Actor().User, NotificationReader.RecipientsOf(user), null, time.GetUtcNow(), cancellationToken)));
}

internal static class Paging
{
    public static bool TryRead(string? page, string? pageSize, out int number, out int size, out IResult? problem)
    {
        problem = null;
        number = 1;
        size = 50;
        // Bounded so that (page - 1) * pageSize never overflows: page=2147483647 is a 400, not page 1 again.
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > InputLimits.MaxPage))
        {
            problem = ApiResults.Invalid("page", new Text(TextKeys.Input.WholeNumberBetween, 1, InputLimits.MaxPage));
            return false;
        }

        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > InputLimits.MaxPageSize))
        {
            problem = ApiResults.Invalid("pageSize", new Text(TextKeys.Input.WholeNumberBetween, 1, InputLimits.MaxPageSize));
            return false;
        }

        return true;
    }
}
