namespace Complaints.Storage.Tests;

/// <summary>The hot spots' read (<see cref="IHotSpots"/>), on every database: the period, the department, the phone compared in the event.</summary>
public abstract partial class CaseStoreContract
{
    private IHotSpots HotSpots => (IHotSpots)Store.Ledger;

    private async Task RegisterAsync(string number, DateTimeOffset at, string? phone, string? department = null, string tenant = TenantA)
    {
        var complainant = phone is null ? "{\"name\":\"匿名\"}" : $$"""{"name":"李四","phone":"{{phone}}","address":"开发区黄河路1号"}""";
        var registered = new StoredEvent(1, "registered", at, "agent.li", $$"""{"tenant":"{{tenant}}","number":"{{number}}","content":"停水","complainant":{{complainant}},"location":"黄河路"}""");
        var row = Ledger(number, tenant) with
        {
            RegisteredAt = at,
            Department = department,
            Category = "no-water",
            Address = "开发区黄河路1号",
            Location = "黄河路",
            ComplainantName = "李四",
            ComplainantPhoneMasked = phone is null ? null : "139****1111",
        };
        (await Append(new CaseAppend(tenant, number, 0, [registered], row))).Status.ShouldBe(AppendStatus.Appended);
    }

    [Fact]
    public async Task Hot_spot_cases_are_the_period_s_oldest_first_with_one_stand_in_per_phone()
    {
        await RegisterAsync(NumberOf(1), T0, "13900001111", "pipe-network");
        await RegisterAsync(NumberOf(2), T0.AddHours(1), "139-0000 1111", "billing"); // the same phone, typed otherwise
        await RegisterAsync(NumberOf(3), T0.AddHours(2), "13700002222", "pipe-network");
        await RegisterAsync(NumberOf(4), T0.AddHours(3), null, "pipe-network");
        await RegisterAsync(NumberOf(5), T0.AddDays(1), "13900001111"); // after the period
        await RegisterAsync(NumberOf(6), T0, "13900001111", tenant: TenantB); // another tenant

        var cases = await HotSpots.HotSpotCasesAsync(new HotSpotQuery(TenantA, T0, T0.AddDays(1)), Cancellation).ToListAsync(Cancellation);

        cases.Select(c => c.Number).ShouldBe([NumberOf(1), NumberOf(2), NumberOf(3), NumberOf(4)]);
        cases[0].Complainant.ShouldNotBeNull();
        cases[1].Complainant.ShouldBe(cases[0].Complainant);
        cases[2].Complainant.ShouldNotBeNull();
        cases[2].Complainant.ShouldNotBe(cases[0].Complainant);
        cases[3].Complainant.ShouldBeNull();
        (cases[0].RegisteredAt, cases[0].Category, cases[0].Status, cases[0].Department, cases[0].Content).ShouldBe((T0, "no-water", "registered", "pipe-network", "No water since 7am"));
        (cases[0].Address, cases[0].Location, cases[0].ComplainantName, cases[0].ComplainantPhoneMasked).ShouldBe(("开发区黄河路1号", "黄河路", "李四", "139****1111"));

        var pipes = await HotSpots.HotSpotCasesAsync(new HotSpotQuery(TenantA, T0, T0.AddDays(1)) { Department = "pipe-network" }, Cancellation).ToListAsync(Cancellation);
        pipes.Select(c => c.Number).ShouldBe([NumberOf(1), NumberOf(3), NumberOf(4)]);
    }
}
