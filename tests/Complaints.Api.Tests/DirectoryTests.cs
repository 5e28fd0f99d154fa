using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// The tenant directory (GET …/directory), the checks it stands for — channel ids, phone numbers, the usual
/// department as the dispatch default, discipline routing — and docs/tenants.md, which must say what it serves.
/// </summary>
public sealed partial class DirectoryTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(PlatformInstance.BuiltPlugins, "..", ".."));

    private readonly Desk _desk = new(fixture.Platform);

    [Fact]
    public async Task Any_user_of_the_tenant_reads_its_directory_in_Chinese()
    {
        foreach (var user in new[] { "agent", "pipe-network", "leader" })
        {
            var directory = await (await _desk.As(user)).GetAsync("/api/v1/tenants/fangyang-water/directory").ExpectAsync(HttpStatusCode.OK);

            Entry(directory, "departments", "discipline")!.Str("name").ShouldBe("纪检监察室");
            var quality = Entry(directory, "categories", "water-quality")!;
            quality.Str("name").ShouldBe("水质问题（需取样化验）");
            quality.Str("department").ShouldBe("water-quality");
            quality["deadline"]!["amount"]!.GetValue<int>().ShouldBe(3);
            quality["deadline"].Str("unit").ShouldBe("days");
            quality["deadline"].Str("text").ShouldBe("3天");
            Entry(directory, "channels", "walk-in")!.Str("name").ShouldBe("来访");
            Entry(directory, "channels", "gov-12345").ShouldNotBeNull();
            Entry(directory, "channels", "foo").ShouldBeNull();
            directory["roles"]!.AsArray().Select(r => r.Str("id")).ShouldBe(["agent", "supervisor", "leader", "handler", "admin"], ignoreOrder: true);
        }

        var gas = await (await fixture.Platform.LoginAsync("agent@fuyang-gas")).GetAsync("/api/v1/tenants/fuyang-gas/directory").ExpectAsync(HttpStatusCode.OK);
        Entry(gas, "categories", "complex")!["deadline"].Str("unit").ShouldBe("working-days");
        (await (await _desk.As("agent")).GetAsync("/api/v1/tenants/fuyang-gas/directory")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Platform.Anonymous().GetAsync("/api/v1/tenants/fangyang-water/directory")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("fangyang-water", "foo")]
    [InlineData("fangyang-water", "Hotline")]
    [InlineData("fuyang-gas", "Gov-12345")]
    [InlineData("fuyang-gas", "example")]
    public async Task A_channel_the_tenant_does_not_have_is_refused_naming_channel(string tenant, string channel)
    {
        var desk = new Desk(fixture.Platform, tenant);
        var problem = await (await desk.As("agent")).PostAsJsonAsync(desk.Complaints, new { channel, kind = "complaint", content = "渠道不对" }).ExpectAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["channel"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_12345_item_registered_by_hand_at_fuyang_gas_still_waits_for_the_leader()
    {
        var gas = new Desk(fixture.Platform, "fuyang-gas");
        var number = (await gas.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "燃气表漏气", externalId = "GD-" + Guid.NewGuid() })).Str("number");
        await gas.ActAsync(number, "accept", new { category = "gas-repair" }, "agent");

        (await gas.ActAsync(number, "dispatch", new { }, "agent")).Str("status").ShouldBe("pending-approval");
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("95598")]
    [InlineData("2197777")]
    [InlineData("1381234567")]
    public async Task A_phone_that_reaches_nobody_is_refused_naming_complainant_phone(string phone)
    {
        var problem = await (await _desk.As("agent")).PostAsJsonAsync(_desk.Complaints, new { channel = "hotline", kind = "complaint", content = "电话不对", complainant = new { phone } })
            .ExpectAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["complainant.phone"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("+86 138 1234 5678")]
    [InlineData("0518-86080000转123")]
    [InlineData("400-820-1234")]
    public async Task Mobiles_landlines_with_extension_and_400_numbers_are_accepted(string phone) =>
        await _desk.RegisterAsync(new { channel = "walk-in", kind = "complaint", content = "来访反映水压低", complainant = new { phone } });

    [Fact]
    public async Task A_channel_item_is_held_to_the_tenants_channels_and_keeps_an_unusable_phone_out_of_the_contact()
    {
        var intake = fixture.Platform.Services.GetRequiredService<IChannelIntake>();
        IntakeSubmission Item(string channel, string phone) => new()
        {
            Tenant = "fangyang-water", Channel = channel, ExternalId = "GD-" + Guid.NewGuid(), Kind = "complaint", Content = "12345转办：路面积水", Phone = phone,
        };

        var refused = await intake.SubmitAsync(Item("Gov-12345", "13912345678"), TestContext.Current.CancellationToken);
        refused.Status.ShouldBe(IntakeStatus.Refused);
        refused.Field.ShouldBe("channel");

        // The 12345 platform cannot correct its order: it is registered, the number kept in the content, not as the contact
        // (ComplaintIntake, for channel actors only: a desk user gets the 400 instead).
        var created = await intake.SubmitAsync(Item("gov-12345", "12345"), TestContext.Current.CancellationToken);
        created.Status.ShouldBe(IntakeStatus.Created, created.Problem);
        var contact = await (await _desk.As("agent")).GetAsync($"{_desk.Complaints}/{created.Number}/contact").ExpectAsync(HttpStatusCode.OK);
        contact["phone"].ShouldBeNull();
        (await _desk.GetAsync(created.Number!)).Str("content").ShouldContain("“12345”");
    }

    [Fact]
    public async Task Dispatch_without_a_department_goes_to_the_categorys_usual_department()
    {
        var number = (await _desk.RegisterAsync()).Str("number");
        await _desk.ActAsync(number, "accept", new { category = "meter-fault" }, "agent");

        var dispatched = await _desk.ActAsync(number, "dispatch", new { note = "请尽快处理" }, "agent");

        dispatched.Str("department").ShouldBe("pipe-network");
        dispatched.Str("status").ShouldBe("dispatched");
    }

    [Fact]
    public async Task A_complaint_about_a_staff_member_goes_to_the_discipline_office_and_no_other_department_sees_it()
    {
        var content = "抄表员态度恶劣 " + Guid.NewGuid().ToString("N");
        var number = (await _desk.RegisterAsync(new { channel = "hotline", kind = "complaint", content, target = new { type = "staff", name = "抄表员吴某" } })).Str("number");
        await _desk.ActAsync(number, "accept", new { category = "billing-dispute" }, "agent");

        (await _desk.ActAsync(number, "dispatch", new { }, "agent")).Str("department").ShouldBe("discipline");

        await _desk.GetAsync(number, "discipline");
        await _desk.GetAsync(number, "billing", HttpStatusCode.Forbidden);
        var billingList = await (await _desk.As("billing")).GetAsync($"{_desk.Complaints}?q={Uri.EscapeDataString(content)}").ExpectAsync(HttpStatusCode.OK);
        billingList["items"]!.AsArray().ShouldBeEmpty();
        var disciplineList = await (await _desk.As("discipline")).GetAsync($"{_desk.Complaints}?q={Uri.EscapeDataString(content)}").ExpectAsync(HttpStatusCode.OK);
        disciplineList["items"]!.AsArray().Select(i => i.Str("number")).ShouldBe([number]);
    }

    [Theory]
    [InlineData("fangyang-water", "agent")]
    [InlineData("city-water", "agent@city-water")]
    [InlineData("fuyang-gas", "agent@fuyang-gas")]
    public async Task Docs_tenants_md_lists_what_the_directory_serves(string tenant, string user)
    {
        var directory = await (await fixture.Platform.LoginAsync(user)).GetAsync($"/api/v1/tenants/{tenant}/directory").ExpectAsync(HttpStatusCode.OK);
        var served = new Dictionary<string, string[]>
        {
            ["Departments"] = [.. directory["departments"]!.AsArray().Select(d => Row(d.Str("id"), d.Str("name")))],
            ["Categories"] = [.. directory["categories"]!.AsArray().Select(c => Row(c.Str("id"), c.Str("name"), c.Str("department"), c!["deadline"]?.Str("text") ?? "—"))],
            ["Channels"] = [.. directory["channels"]!.AsArray().Select(c => Row(c.Str("id"), c.Str("name")))],
        };

        var documented = Documented(File.ReadAllText(Path.Combine(Root, "docs", "tenants.md")), tenant);

        foreach (var (table, rows) in served)
        {
            documented.GetValueOrDefault(table, []).ShouldBe(rows, ignoreOrder: true, $"docs/tenants.md, {tenant}, {table}");
        }
    }

    private static JsonNode? Entry(JsonObject directory, string list, string id) => directory[list]!.AsArray().FirstOrDefault(e => e.Str("id") == id);

    private static string Row(params string[] cells) => string.Join(" | ", cells);

    /// <summary>The tables under <c>## `tenant`</c>: <c>### Title</c> → its rows, cells without backticks.</summary>
    private static Dictionary<string, string[]> Documented(string markdown, string tenant)
    {
        var section = markdown.Split("\n## ").FirstOrDefault(s => s.StartsWith($"`{tenant}`", StringComparison.Ordinal)) ?? "";
        return section.Split("\n### ").Skip(1).ToDictionary(
            t => t[..t.IndexOf('\n', StringComparison.Ordinal)].Trim(),
            t => t.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !TableHeader().IsMatch(l))
                .Select(l => Row([.. l.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`'))])).ToArray());
    }

    [GeneratedRegex(@"^\| id \|")]
    private static partial Regex TableHeader();
}
