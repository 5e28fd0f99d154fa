using System.Security.Claims;
using Complaints.Grains;
using Complaints.Reports;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Complaints.Api;

/// <summary>
/// <c>GET …/complaints/{number}/form</c>: the printable closed-loop form (seed 004 annex) or the record card (seed 002,
/// <c>?layout=record-card</c>) as an A4 HTML page. The case is read as its GET reads it (same access rule, same masking);
/// <c>?contact=full</c> prints the unmasked phone through the contact read, which the case's history records.
/// </summary>
internal static class FormApi
{
    private const string Masked = "masked";
    private const string Full = "full";

    public static void MapFormApi(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/complaints/{number}/form", Form)
            .WithTags("complaints")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The printable closed-loop form (客户投诉处理闭环管理单, A4 HTML); layout=record-card prints the record card (顾客投诉记录卡); contact=full prints the unmasked phone, recorded in the history.");

    private static async Task<IResult> Form(
        string tenant, string number, string? layout, string? contact, ClaimsPrincipal user, CaseWork work, TenantDirectory tenants, TimeProvider time)
    {
        if (InputText.Problem(layout, InputLimits.Identifier) is { } badLayout)
        {
            return ApiResults.Invalid("layout", badLayout);
        }

        if (!FormLayouts.TryParse(layout, out var form))
        {
            return ApiResults.Invalid("layout", new Text(TextKeys.Input.Unknown, layout, string.Join(", ", FormLayouts.All)));
        }

        if (InputText.Problem(contact, InputLimits.Identifier) is { } badContact)
        {
            return ApiResults.Invalid("contact", badContact);
        }

        if (contact is not (null or Masked or Full))
        {
            return ApiResults.Invalid("contact", new Text(TextKeys.Input.Unknown, contact, $"{Masked}, {Full}"));
        }

        var outcome = await work.GetAsync(tenant, number, user);
        if (!outcome.Succeeded)
        {
            return ApiResults.Refusal(outcome);
        }

        var view = outcome.Case!;
        string? fullPhone = null;
        if (contact == Full)
        {
            var (read, refusal) = await ComplaintsApi.ReadContactAsync(work, tenant, number, user);
            if (refusal is not null)
            {
                return refusal;
            }

            fullPhone = read!.Phone;
        }

        var reader = new FormReader(ApiResults.Reader, user.Actor().User, time.GetUtcNow(), MaskFreeText: !user.MayReadContact(view.Department), fullPhone);
        var html = CaseForms.Render(form, CaseRecord.Of(view), tenants.Find(tenant)!, reader);
        return TypedResults.Text(html, "text/html; charset=utf-8");
    }
}
