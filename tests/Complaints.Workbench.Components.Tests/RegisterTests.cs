using System.Security.Claims;
using Bunit;
using Complaints.Api;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Workbench.Components.Pages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Workbench.Components.Tests;

/// <summary>
/// The registration form on fangyang-water's real configuration and policy (the host's preset files): what it sends
/// the intake, the caller's earlier cases while the phone is typed, the category's deadline and department, and the
/// intake's refusal beside its field.
/// </summary>
public sealed class RegisterTests : BunitContext
{
    private const string Tenant = "fangyang-water";

    private readonly RecordingIntake _intake = new();
    private readonly RecordedCallers _callers = new();

    public RegisterTests()
    {
        StaffCulture.Chinese();
        JSInterop.Mode = JSRuntimeMode.Loose; // the phone field's focus
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tenants", "fangyang-water.json"))
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tenants", "fangyang-water.policy.json"))
            .Build();
        Services.AddSingleton(new TenantDirectory(configuration));
        Services.AddSingleton<IComplaintIntake>(_intake);
        Services.AddSingleton<ICallerHistory>(_callers);
        Services.AddSingleton(TimeProvider.System);
        var auth = AddAuthorization();
        auth.SetAuthorized("agent");
        auth.SetClaims(new Claim(PlatformClaims.Tenant, Tenant), new Claim(PlatformClaims.Role, Roles.Agent), new Claim(PlatformClaims.Subject, "agent"));
    }

    [Fact]
    public void A_half_typed_phone_looks_nothing_up_and_a_whole_one_shows_the_callers_earlier_cases()
    {
        StaffCulture.Chinese();
        _callers.Rows = [Row("FYW-2026-000003")];
        var cut = Render<Register>();

        cut.Find("#phone").Input("1390000");
        _callers.Lookups.ShouldBeEmpty();

        cut.Find("#phone").Input("139-0000-2222");
        cut.WaitForAssertion(() => cut.Find("li[data-number='FYW-2026-000003']"));
        _callers.Lookups.ShouldBe([(Tenant, "139-0000-2222", null)]);

        // The account number looks up too, from 4 characters; the phone is still part of it.
        cut.Find("#account").Input("FY0012");
        cut.WaitForAssertion(() => _callers.Lookups.Count.ShouldBe(2));
        _callers.Lookups[1].ShouldBe((Tenant, "139-0000-2222", "FY0012"));
    }

    [Fact]
    public void A_re_complaint_with_its_target_is_sent_to_the_intake_as_the_api_body_would_be()
    {
        StaffCulture.Chinese();
        _callers.Rows = [Row("FYW-2026-000003")];
        var cut = Render<Register>();
        cut.Find("#phone").Input("13900002222");
        cut.WaitForElement("button.recomplaint").Click();
        cut.Find("#name").Change("王五");
        cut.Find("#anonymous").Change(true);
        cut.Find("#content").Change("水费仍然异常");
        cut.Find("#category").Change("billing-dispute");
        cut.Find("#target-type").Change("staff");
        cut.Find("#target-name").Change("抄表员小李");

        cut.Find("#register-form").Submit();

        var request = _intake.Requests.ShouldHaveSingleItem();
        request.Channel.ShouldBe("hotline"); // the hotline first
        request.Kind.ShouldBe("complaint");
        request.Category.ShouldBe("billing-dispute");
        request.RecomplaintOf.ShouldBe("FYW-2026-000003");
        request.Target.ShouldBe(new TargetInput("staff", "抄表员小李"));
        request.Complainant.ShouldBe(new ComplainantInput("王五", "13900002222", null, null, Anonymous: true));
        request.ExternalId.ShouldBeNull(); // not a 12345 item
        request.ExternalDeadline.ShouldBeNull();
    }

    [Fact]
    public void The_category_shows_the_deadline_of_the_tenants_policy_and_its_usual_department()
    {
        StaffCulture.Chinese();
        var cut = Render<Register>();

        // fangyang-water: staff conduct within 3 days, to 纪检监察室 (discipline); a 12345 item within 1 day whatever the category.
        cut.Find("#category").Change("staff-conduct");
        cut.Find("#category-hint").TextContent.ShouldContain("办结时限：3天");
        cut.Find("#category-hint").TextContent.ShouldContain("建议派往：纪检监察室");

        cut.Find("#channel").Change("gov-12345");
        cut.Find("#category-hint").TextContent.ShouldContain("办结时限：1天");
    }

    [Fact]
    public void The_12345_work_order_and_its_deadline_are_asked_and_sent_for_the_12345_channel_only()
    {
        StaffCulture.Chinese();
        var cut = Render<Register>();
        cut.FindAll("#external-id").ShouldBeEmpty();

        cut.Find("#channel").Change("gov-12345");
        cut.Find("#content").Change("转办件");
        cut.Find("#external-id").Change("GD20261130001");
        cut.Find("#external-deadline").Change("2026-12-03T17:30:00");
        cut.Find("#register-form").Submit();

        var request = _intake.Requests.ShouldHaveSingleItem();
        request.Channel.ShouldBe("gov-12345");
        request.ExternalId.ShouldBe("GD20261130001");
        request.ExternalDeadline.ShouldBe(DateTimeOffset.Parse("2026-12-03T17:30:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_intakes_refusal_is_shown_beside_the_field_it_names()
    {
        StaffCulture.Chinese();
        _intake.Answer = new CaseOutcome(OutcomeKind.Invalid, Message: "请填写投诉对象名称。", Field: "target.name");
        var cut = Render<Register>();
        cut.Find("#target-type").Change("department");

        cut.Find("#register-form").Submit();

        cut.Find(".field-error[data-field='target.name']").TextContent.ShouldBe("请填写投诉对象名称。");
        cut.FindAll("[role=alert]").Count.ShouldBe(1);
    }

    private static LedgerRow Row(string number) => new()
    {
        Tenant = Tenant,
        Number = number,
        Channel = "hotline",
        Kind = "complaint",
        Status = "registered",
        Content = "水费异常",
        ComplainantPhoneMasked = "139****2222",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        RegisteredAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>Takes the requests the form sends and answers as told (a refusal by default, so the page stays).</summary>
    private sealed class RecordingIntake : IComplaintIntake
    {
        public List<RegisterComplaintRequest> Requests { get; } = [];

        public CaseOutcome Answer { get; set; } = new(OutcomeKind.Invalid, Message: "—", Field: "other");

        public Task<CaseOutcome> RegisterAsync(string tenant, RegisterComplaintRequest request, ActorInfo actor, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return Task.FromResult(Answer);
        }

        public Task<CaseOutcome> RegisterAsync(string tenant, RegisterComplaintRequest request, IReadOnlyList<AttachmentUpload> files, ActorInfo actor, CancellationToken cancellationToken = default) =>
            RegisterAsync(tenant, request, actor, cancellationToken);
    }

    /// <summary>Records each lookup and answers with <see cref="Rows"/>.</summary>
    private sealed class RecordedCallers : ICallerHistory
    {
        public List<(string Tenant, string? Phone, string? AccountNo)> Lookups { get; } = [];

        public IReadOnlyList<LedgerRow> Rows { get; set; } = [];

        public Task<IReadOnlyList<LedgerRow>> EarlierCasesAsync(string tenant, string? phone, string? accountNo, int limit, CancellationToken cancellationToken = default)
        {
            Lookups.Add((tenant, phone, accountNo));
            return Task.FromResult(Rows);
        }
    }
}
