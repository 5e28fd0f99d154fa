using System.Net;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>A case carried from the first call to the archive, through the API as the staff would use it.</summary>
public sealed class LifecycleTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    [Fact]
    public async Task A_complaint_goes_from_registration_to_the_archive_with_a_complete_ordered_history()
    {
        var registered = await _desk.RegisterAsync();
        var number = registered.Str("number");
        registered.Str("status").ShouldBe("registered");
        number.ShouldMatch(@"^FYW-\d{4}-\d{6}$");

        await _desk.ActAsync(number, "accept", new { category = "water-pressure", note = "已安抚客户，承诺当日答复" }, "agent");
        (await _desk.ActAsync(number, "dispatch", new { department = "pipe-network" }, "agent")).Str("status").ShouldBe("dispatched");
        (await _desk.ActAsync(number, "sign", null, "pipe-network")).Str("status").ShouldBe("in-progress");
        var until = DateTimeOffset.UtcNow.AddDays(2);
        var requested = await _desk.ActAsync(number, "request-extension", new { until, reason = "需更换阀门，配件明日到货" }, "pipe-network");
        requested["pendingExtension"]!.Str("reason").ShouldBe("需更换阀门，配件明日到货");
        var decided = await _desk.ActAsync(number, "decide-extension", new { approve = true }, "supervisor");
        decided["pendingExtension"].ShouldBeNull();
        DateTimeOffset.Parse(decided.Str("extendedUntil"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(until, TimeSpan.FromSeconds(1));
        await _desk.ActAsync(number, "supervise", new { note = "请加快处理" }, "supervisor");
        (await _desk.ActAsync(number, "report-result", new { result = "更换减压阀，水压恢复至 0.3 MPa", measures = "更换阀门" }, "pipe-network")).Str("status").ShouldBe("resolved");

        var unsatisfied = await _desk.ActAsync(number, "record-callback", new { satisfaction = "unsatisfied", note = "夜间仍然水压低" }, "agent");
        unsatisfied.Str("status").ShouldBe("dispatched");
        unsatisfied.Str("department").ShouldBe("pipe-network");
        unsatisfied["redispatches"]!.GetValue<int>().ShouldBe(1);

        await _desk.ActAsync(number, "sign", null, "pipe-network");
        await _desk.ActAsync(number, "report-result", new { result = "夜间加压泵已调整，连续三晚回访水压正常" }, "pipe-network");
        var closed = await _desk.ActAsync(number, "record-callback", new { satisfaction = "satisfied" }, "agent");
        closed.Str("status").ShouldBe("closed");
        closed.Str("satisfaction").ShouldBe("satisfied");
        closed["closedAt"].ShouldNotBeNull();

        var all = (await _desk.GetAsync(number))["history"]!.AsArray();
        all.Select(h => h!["seq"]!.GetValue<int>()).ShouldBe(Enumerable.Range(1, all.Count));
        var times = all.Select(h => DateTimeOffset.Parse(h.Str("at"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        times.ShouldBe(times.Order().ToList());
        all.Where(h => h.Str("type").StartsWith("clock-", StringComparison.Ordinal)).ShouldAllBe(h => h!["actor"]!.GetValue<string>() == "sla");
        all.Select(h => h.Str("type")).ShouldContain("clock-started");

        // The lifecycle steps, in order, with who took each.
        var history = new System.Text.Json.Nodes.JsonArray([.. all.Where(h => !h.Str("type").StartsWith("clock-", StringComparison.Ordinal)).Select(h => h!.DeepClone())]);
        history.Select(h => h.Str("type")).ShouldBe(
        [
            "registered", "accepted", "dispatched", "signed", "extension-requested", "extension-decided", "supervised",
            "result-reported", "callback-recorded", "redispatched", "signed", "result-reported", "callback-recorded", "closed",
        ]);
        history.Select(h => h.Str("actor")).ShouldBe(
        [
            "agent@fangyang-water", "agent@fangyang-water", "agent@fangyang-water", "pipe-network@fangyang-water", "pipe-network@fangyang-water",
            "supervisor@fangyang-water", "supervisor@fangyang-water", "pipe-network@fangyang-water", "agent@fangyang-water", "agent@fangyang-water",
            "pipe-network@fangyang-water", "pipe-network@fangyang-water", "agent@fangyang-water", "agent@fangyang-water",
        ]);
        history[1]!["data"]!.Str("category").ShouldBe("water-pressure");
        history[8]!["data"]!.Str("satisfaction").ShouldBe("unsatisfied");
    }

    [Fact]
    public async Task A_transfer_waits_for_a_leader_where_the_tenant_requires_approval()
    {
        var gas = new Desk(fixture.Platform, "fuyang-gas");
        var number = (await gas.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "燃气报装迟迟不来安装", externalId = "GD-2026-0001" })).Str("number");
        number.ShouldStartWith("FYG-");
        await gas.ActAsync(number, "accept", new { category = "gas-installation" }, "agent");
        (await gas.ActAsync(number, "dispatch", new { department = "installation" }, "agent")).Str("status").ShouldBe("pending-approval");
        await gas.ActAsync(number, "sign", null, "installation", HttpStatusCode.Conflict);
        await gas.ActAsync(number, "approve-dispatch", new { note = "同意" }, "agent", HttpStatusCode.Forbidden);
        (await gas.ActAsync(number, "approve-dispatch", new { note = "同意转报装部" }, "leader")).Str("status").ShouldBe("dispatched");
        (await gas.ActAsync(number, "sign", null, "installation")).Str("status").ShouldBe("in-progress");

        // The same tenant's hotline items need no approval.
        var hotline = (await gas.RegisterAsync(new { channel = "hotline", kind = "complaint", content = "维修人员态度差" })).Str("number");
        await gas.ActAsync(hotline, "accept", new { category = "service-attitude" }, "agent");
        (await gas.ActAsync(hotline, "dispatch", new { department = "management" }, "agent")).Str("status").ShouldBe("dispatched");
    }

    [Fact]
    public async Task A_misrouted_order_is_returned_and_dispatched_elsewhere()
    {
        var number = await _desk.DispatchedAsync("billing-dispute", "pipe-network");
        var returned = await _desk.ActAsync(number, "return", new { reason = "水费争议应由抄收部处理" }, "pipe-network");
        returned.Str("status").ShouldBe("returned");
        returned["department"].ShouldBeNull();
        returned["returns"]!.GetValue<int>().ShouldBe(1);
        (await _desk.ActAsync(number, "dispatch", new { department = "billing" }, "supervisor")).Str("department").ShouldBe("billing");
        await _desk.ActAsync(number, "sign", null, "billing");
    }

    [Fact]
    public async Task Rejected_and_answered_items_end_without_handling()
    {
        var rejected = (await _desk.RegisterAsync(new { channel = "hotline", kind = "complaint", content = "小区物业停车收费太高" })).Str("number");
        (await _desk.ActAsync(rejected, "reject", new { reason = "停车收费不属于供水公司业务范围，建议联系物业或价格主管部门。" }, "agent")).Str("status").ShouldBe("rejected");
        await _desk.ActAsync(rejected, "accept", new { category = "general" }, "agent", HttpStatusCode.Conflict);

        var inquiry = (await _desk.RegisterAsync(new { channel = "hotline", kind = "inquiry", content = "阶梯水价怎么计算？" })).Str("number");
        var answered = await _desk.ActAsync(inquiry, "answer", new { reply = "第一阶梯 0-20 吨 …" }, "agent");
        answered.Str("status").ShouldBe("answered");
        answered["closedAt"].ShouldNotBeNull();

        var complaint = (await _desk.RegisterAsync()).Str("number");
        await _desk.ActAsync(complaint, "answer", new { reply = "好的" }, "agent", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_action_the_status_does_not_allow_is_409_and_changes_nothing()
    {
        var number = (await _desk.RegisterAsync()).Str("number");
        var before = await _desk.GetAsync(number);
        var problem = await _desk.ActAsync(number, "report-result", new { result = "done" }, "pipe-network", HttpStatusCode.Forbidden);
        problem["status"]!.GetValue<int>().ShouldBe(403);
        var conflict = await _desk.ActAsync(number, "record-callback", new { satisfaction = "satisfied" }, "agent", HttpStatusCode.Conflict);
        conflict.Str("detail").ShouldContain("待受理"); // the status, in Chinese by default (LanguageTests: English)
        await _desk.ActAsync(number, "dispatch", new { department = "pipe-network" }, "agent", HttpStatusCode.Conflict);
        var after = await _desk.GetAsync(number);
        after["history"]!.AsArray().Count.ShouldBe(before["history"]!.AsArray().Count);
        after.Str("status").ShouldBe("registered");
    }

    [Fact]
    public async Task A_recomplaint_is_a_new_case_linked_both_ways_to_the_original()
    {
        var original = await _desk.DispatchedAsync();
        var again = await _desk.RegisterAsync(new { channel = "wechat", kind = "complaint", content = "上次反映的水压问题还没解决", recomplaintOf = original });
        again.Str("recomplaintOf").ShouldBe(original);
        var linked = await _desk.GetAsync(original);
        linked["recomplaints"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe([again.Str("number")]);
        linked["history"]!.AsArray().Last()!.Str("type").ShouldBe("recomplained");

        var client = await _desk.As("agent");
        var problem = await client.PostAsync(_desk.Complaints, JsonContent(new { channel = "wechat", kind = "complaint", content = "x", recomplaintOf = "FYW-1999-999999" })).ExpectAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["recomplaintOf"].ShouldNotBeNull();
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
