using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

internal static class ComplaintsApi
{
    public static void MapComplaintsApi(this RouteGroupBuilder tenant)
    {
        var complaints = tenant.MapGroup("/complaints").WithTags("complaints");

        complaints.MapPost("/", Register)
            .Accepts<RegisterComplaintRequest>("application/json")
            .Produces<ComplaintResponse>(StatusCodes.Status201Created)
            .Produces<ComplaintResponse>()
            .ProducesValidationProblem()
            .WithSummary("Register a complaint. The same channel + externalId again returns the existing case (200).");

        complaints.MapGet("/", List)
            .Produces<ComplaintPage>()
            .WithSummary("The ledger: filter by status, department, category, channel, overdue, registration time and text.");

        complaints.MapGet("/{number}", Get)
            .Produces<ComplaintResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One case with its clocks and complete history.");

        complaints.MapGet("/{number}/contact", Contact)
            .Produces<ComplainantResponse>()
            .WithSummary("The unmasked contact, for those who must call back; every read is recorded in the case's history.");

        foreach (var action in CaseActions.All)
        {
            MapAction(complaints, action);
        }
    }

    private static void MapAction(RouteGroupBuilder complaints, CaseAction action)
    {
        var endpoint = complaints.MapPost($"/{{number}}/{action.Route}", async (string tenant, string number, HttpRequest request, ClaimsPrincipal user, CaseWork work, IOptions<JsonOptions> json) =>
        {
            CaseActionRequest body;
            // No body at all (not merely no Content-Length: a chunked body is still a body, read and checked below).
            if (action.WithoutBody is { } empty && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
            {
                body = empty;
            }
            else
            {
                var (read, error) = await ApiResults.ReadBodyAsync(request, action.Request, json.Value.SerializerOptions);
                if (error is not null)
                {
                    return error;
                }

                body = (CaseActionRequest)read!;
            }

            var outcome = await work.ActAsync(tenant, number, body, user);
            return outcome.Succeeded ? TypedResults.Ok(ComplaintResponse.From(outcome.Case!, user)) : ApiResults.Refusal(outcome);
        })
            .Produces<ComplaintResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(action.Route)
            .WithSummary(action.Summary);
        if (action.WithoutBody is null)
        {
            endpoint.Accepts(action.Request, "application/json");
        }
    }

    private static async Task<IResult> Register(string tenant, HttpRequest request, ClaimsPrincipal user, IComplaintIntake intake, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<RegisterComplaintRequest>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        var outcome = await intake.RegisterAsync(tenant, body!, user.Actor(), request.HttpContext.RequestAborted);
        return outcome.Kind switch
        {
            OutcomeKind.Created => TypedResults.Created($"/api/v1/tenants/{tenant}/complaints/{outcome.Case!.Number}", ComplaintResponse.From(outcome.Case, user)),
            OutcomeKind.Duplicate or OutcomeKind.Ok => TypedResults.Ok(ComplaintResponse.From(outcome.Case!, user)),
            _ => ApiResults.Refusal(outcome),
        };
    }

    private static async Task<IResult> Get(string tenant, string number, ClaimsPrincipal user, IGrainFactory grains)
    {
        var outcome = await Complaint(grains, tenant, number).Get(user.Actor());
        return outcome.Succeeded ? TypedResults.Ok(ComplaintResponse.From(outcome.Case!, user)) : ApiResults.Refusal(outcome);
    }

    private static async Task<IResult> Contact(string tenant, string number, ClaimsPrincipal user, CaseWork work)
    {
        var (c, refusal) = await ReadContactAsync(work, tenant, number, user);
        return refusal ?? TypedResults.Ok(new ComplainantResponse(c!.Name, c.Phone, c.Address, c.AccountNo, c.Anonymous, c.Email, c.OpenId));
    }

    /// <summary>
    /// The unmasked contact, the read recorded in the case's history (PIPL): the one path for <c>/contact</c> and the
    /// printed form's <c>?contact=full</c>. A caller who may not read it gets the refusal.
    /// </summary>
    internal static async Task<(ComplainantInput? Contact, IResult? Refusal)> ReadContactAsync(CaseWork work, string tenant, string number, ClaimsPrincipal user)
    {
        var outcome = await work.ReadContactAsync(tenant, number, user);
        return outcome.Kind == OutcomeKind.Ok
            ? (outcome.Contact!, null)
            : (null, ApiResults.Refusal(new CaseOutcome(outcome.Kind, Message: outcome.Message)));
    }

    private static async Task<IResult> List(
        string tenant,
        ClaimsPrincipal user,
        ILedger ledger,
        string? status,
        string? department,
        string? category,
        string? channel,
        string? overdue,
        string? from,
        string? to,
        string? q,
        string? page,
        string? pageSize,
        CancellationToken cancellationToken)
    {
        if (!LedgerFilters.TryRead(tenant, user, status, department, category, channel, overdue, from, to, q, out var filter, out var problem))
        {
            return problem!;
        }

        if (!Paging.TryRead(page, pageSize, out var pageNumber, out var size, out var pagingProblem))
        {
            return pagingProblem!;
        }

        var result = await ledger.QueryAsync(filter with { Page = pageNumber, PageSize = size }, cancellationToken);
        return TypedResults.Ok(new ComplaintPage([.. result.Items.Select(ComplaintListItem.From)], result.Total, pageNumber, size));
    }

    internal static ICaseGrain Complaint(IGrainFactory grains, string tenant, string number) =>
        grains.GetGrain<ICaseGrain>(CaseKey.Of(tenant, number));
}
