using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>Decisions that can say no, over HTTP: the leader's refusal, reclassification, settling on the spot, flags.</summary>
public sealed class DecisionApiTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    private static JsonNode? ClockOf(JsonObject view, string name) => view["clocks"]!.AsArray().SingleOrDefault(c => c.Str("name") == name);

    private static DateTimeOffset Time(JsonNode? node, string name) => DateTimeOffset.Parse(node.Str(name), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_leader_refuses_a_transfer_back_to_the_desk_with_a_note()
    {
        var gas = new Desk(fixture.Platform, "fuyang-gas");
        var number = (await gas.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "井盖松动", externalId = "GD-" + Guid.NewGuid() })).Str("number");
        await gas.ActAsync(number, "accept", new { category = "general" }, "agent");
        await gas.ActAsync(number, "dispatch", new { department = "installation" }, "agent");

        var missingNote = await gas.ActAsync(number, "approve-dispatch", new { approve = false }, "leader", HttpStatusCode.BadRequest);
        missingNote["errors"]!["note"].ShouldNotBeNull();
        var refused = await gas.ActAsync(number, "approve-dispatch", new { approve = false, note = "应转工程部" }, "leader");

        refused.Str("status").ShouldBe("accepted");
        refused["department"].ShouldBeNull();
        var entry = refused["history"]!.AsArray().Last(h => h.Str("type") == "dispatch-refused")!;
        entry["data"].Str("note").ShouldBe("应转工程部");
        entry["data"].Str("department").ShouldBe("installation");
        ClockOf(refused, "sign-for").ShouldBeNull();
        await gas.GetAsync(number, "installation", HttpStatusCode.Forbidden);

        (await gas.ActAsync(number, "dispatch", new { department = "engineering" }, "agent")).Str("status").ShouldBe("pending-approval");
        (await gas.ActAsync(number, "approve-dispatch", new { }, "leader")).Str("status").ShouldBe("dispatched");
    }

    /// <summary>fuyang-gas, 12345 item: while the transfer waits for the leader, no clock runs or breaches against the department.</summary>
    [Fact]
    public async Task While_a_12345_transfer_waits_for_approval_nothing_is_charged_to_the_department()
    {
        var gas = new Desk(fixture.Platform, "fuyang-gas");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(4);
        var number = (await gas.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "燃气表漏气", externalId = "GD-" + Guid.NewGuid(), externalDeadline = deadline })).Str("number");
        await gas.ActAsync(number, "accept", new { category = "gas-repair" }, "agent");
        var pending = await gas.ActAsync(number, "dispatch", new { department = "operations" }, "agent");
        pending.Str("status").ShouldBe("pending-approval");
        ClockOf(pending, "sign-for").ShouldBeNull();

        // The 12345 deadline passes while the leader has not decided: the breach is the desk's, not the department's.
        var breached = await Eventually.Async(async () =>
        {
            var view = await gas.GetAsync(number);
            return ClockOf(view, "resolution")?.Str("state") == "breached" ? view : null;
        });
        breached["history"]!.AsArray().Single(h => h.Str("type") == "clock-breached")!["data"]!["department"].ShouldBeNull();
        ClockOf(breached, "resolution")!["department"].ShouldBeNull();
        ClockOf(breached, "sign-for").ShouldBeNull();

        var approvedAt = DateTimeOffset.UtcNow;
        var approved = await gas.ActAsync(number, "approve-dispatch", new { approve = true }, "leader");

        var signFor = ClockOf(approved, "sign-for").ShouldNotBeNull();
        signFor.Str("department").ShouldBe("operations");
        Time(signFor, "startedAt").ShouldBeGreaterThanOrEqualTo(approvedAt.AddSeconds(-1));
        (Time(signFor, "dueAt") - Time(signFor, "startedAt")).ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task Accept_sets_the_kind_and_target_so_an_item_registered_as_a_complaint_is_answered()
    {
        var number = (await _desk.RegisterAsync()).Str("number");

        var accepted = await _desk.ActAsync(number, "accept", new { category = "general", kind = "inquiry", target = new { type = "staff", name = "抄表员吴" } }, "agent");

        accepted.Str("kind").ShouldBe("inquiry");
        accepted["target"].Str("type").ShouldBe("staff");
        accepted["target"].Str("name").ShouldBe("抄表员吴");
        (await _desk.ActAsync(number, "answer", new { reply = "营业厅 8:30 开门。" }, "agent")).Str("status").ShouldBe("answered");

        var other = (await _desk.RegisterAsync()).Str("number");
        (await _desk.ActAsync(other, "accept", new { category = "general", kind = "fault" }, "agent", HttpStatusCode.BadRequest))["errors"]!["kind"].ShouldNotBeNull();
        (await _desk.ActAsync(other, "accept", new { category = "general", target = new { type = "staff" } }, "agent", HttpStatusCode.BadRequest))["errors"]!["target.name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Reclassify_changes_the_category_and_the_resolution_clock_follows_it()
    {
        var number = await _desk.DispatchedAsync("water-pressure", "pipe-network");
        var before = ClockOf(await _desk.GetAsync(number), "resolution");
        (Time(before, "dueAt") - Time(before, "startedAt")).ShouldBe(TimeSpan.FromDays(1));

        var view = await _desk.ActAsync(number, "reclassify", new { category = "billing-dispute", note = "实为水费争议" }, "supervisor");

        view.Str("category").ShouldBe("billing-dispute");
        view.Str("status").ShouldBe("dispatched");
        var after = ClockOf(view, "resolution");
        Time(after, "startedAt").ShouldBe(Time(before, "startedAt"));
        (Time(after, "dueAt") - Time(after, "startedAt")).ShouldBe(TimeSpan.FromDays(7));
        var entry = view["history"]!.AsArray().Single(h => h.Str("type") == "reclassified")!;
        entry["data"].Str("category").ShouldBe("billing-dispute");
        view["history"]!.AsArray().ShouldContain(h => h.Str("type") == "clock-rescheduled");

        await _desk.ActAsync(number, "reclassify", new { }, "agent", HttpStatusCode.BadRequest);
        await _desk.ActAsync(number, "reclassify", new { category = "water-pressure" }, "pipe-network", HttpStatusCode.Forbidden);
        await _desk.ActAsync(number, "report-result", new { result = "已核实水费" }, "pipe-network", HttpStatusCode.Conflict);
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        await _desk.ActAsync(number, "report-result", new { result = "已核实水费" }, "pipe-network");
        await _desk.ActAsync(number, "reclassify", new { category = "water-pressure" }, "agent", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_complaint_is_answered_on_the_spot_only_when_the_customer_accepted_the_explanation()
    {
        var number = (await _desk.RegisterAsync()).Str("number");

        await _desk.ActAsync(number, "answer", new { reply = "计划停水，18:00 恢复。" }, "agent", HttpStatusCode.Conflict);
        var answered = await _desk.ActAsync(number, "answer", new { reply = "计划停水，18:00 恢复。", customerAccepted = true }, "agent");

        answered.Str("status").ShouldBe("answered");
        answered["history"]!.AsArray().Single(h => h.Str("type") == "answered")!["data"]!["customerAccepted"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_threat_is_flagged_at_registration_or_later_with_a_responsible_person()
    {
        var flagged = await _desk.RegisterAsync(new
        {
            channel = "hotline",
            kind = "complaint",
            content = "再不来修就去堵路。",
            flags = new[] { "threat" },
            responsible = "supervisor",
        });

        flagged["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["threat"]);
        flagged.Str("responsible").ShouldBe("supervisor");
        flagged["history"]!.AsArray().Select(h => h.Str("type")).ShouldContain("flagged");

        var agent = await _desk.As("agent");
        var noResponsible = await agent.PostAsync(_desk.Complaints, JsonContent.Create(new { channel = "hotline", kind = "complaint", content = "扬言报复", flags = new[] { "threat" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        noResponsible["errors"]!["responsible"].ShouldNotBeNull();

        var number = await _desk.DispatchedAsync();
        await _desk.ActAsync(number, "flag", new { flags = new[] { "threat" }, responsible = "leader" }, "pipe-network", HttpStatusCode.Forbidden);
        (await _desk.ActAsync(number, "flag", new { flags = new[] { "violent" }, responsible = "leader" }, "leader", HttpStatusCode.BadRequest))["errors"]!["flags"].ShouldNotBeNull();
        var view = await _desk.ActAsync(number, "flag", new { flags = new[] { "threat" }, responsible = "leader", note = "扬言到公司闹事" }, "leader");
        view["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["threat"]);
        view.Str("responsible").ShouldBe("leader");
        var entry = view["history"]!.AsArray().Last(h => h.Str("type") == "flagged")!;
        entry["data"].Str("note").ShouldBe("扬言到公司闹事");
    }
}
