namespace Complaints.Storage.Tests;

/// <summary>The case page's related cases (<see cref="IRelatedCases"/>), on every database.</summary>
public abstract partial class CaseStoreContract
{
    private IRelatedCases Related => (IRelatedCases)Store.Ledger;

    private async Task AddCallerCaseAsync(int number, DateTimeOffset at, string? name, string? phoneMasked, string? department = null, string? recomplaintOf = null, string tenant = TenantA)
    {
        var row = Ledger(NumberOf(number), tenant) with
        {
            RegisteredAt = at,
            Department = department,
            ComplainantName = name,
            ComplainantPhoneMasked = phoneMasked,
            RecomplaintOf = recomplaintOf,
        };
        var registered = new StoredEvent(1, "registered", at, "agent.li", $$"""{"tenant":"{{tenant}}","number":"{{NumberOf(number)}}","content":"停水"}""");
        (await Append(new CaseAppend(tenant, NumberOf(number), 0, [registered], row))).Status.ShouldBe(AppendStatus.Appended);
    }

    [Fact]
    public async Task Related_cases_by_number_are_read_in_one_query_of_the_tenant_and_department_given()
    {
        await AddCallerCaseAsync(1, T0, "李四", "139****1111", "pipe-network");
        await AddCallerCaseAsync(2, T0.AddHours(1), "李四", "139****1111", "billing", recomplaintOf: NumberOf(1));
        await AddCallerCaseAsync(3, T0.AddHours(2), "李四", "139****1111", "pipe-network", recomplaintOf: NumberOf(1));
        await AddCallerCaseAsync(4, T0, "李四", "139****1111", tenant: TenantB);

        var all = await Related.CasesAsync(TenantA, [NumberOf(3), NumberOf(2), NumberOf(4), NumberOf(9)], null, Cancellation);
        all.Select(r => r.Number).ShouldBe([NumberOf(2), NumberOf(3)]); // oldest first; unknown numbers and other tenants' left out
        all[0].RecomplaintOf.ShouldBe(NumberOf(1));

        var pipes = await Related.CasesAsync(TenantA, [NumberOf(1), NumberOf(2), NumberOf(3)], "pipe-network", Cancellation);
        pipes.Select(r => r.Number).ShouldBe([NumberOf(1), NumberOf(3)]);

        (await Related.CasesAsync(TenantA, [], null, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_callers_other_cases_match_the_masked_phone_and_the_name_newest_first()
    {
        await AddCallerCaseAsync(1, T0, "李四", "139****1111", "pipe-network");
        await AddCallerCaseAsync(2, T0.AddDays(1), "李四", "139****1111", "billing");
        await AddCallerCaseAsync(3, T0.AddDays(2), "李四", "139****1111"); // the case itself
        await AddCallerCaseAsync(4, T0.AddDays(3), "王五", "139****1111"); // another name
        await AddCallerCaseAsync(5, T0.AddDays(4), "李四", "139****2222"); // another phone
        await AddCallerCaseAsync(6, T0.AddDays(5), "李四", "139****1111", tenant: TenantB);
        await AddCallerCaseAsync(7, T0.AddDays(6), "李四", "139****1111", "pipe-network");

        var others = await Related.SameCallerAsync(TenantA, NumberOf(3), "139****1111", "李四", null, 10, Cancellation);
        others.Select(r => r.Number).ShouldBe([NumberOf(7), NumberOf(2), NumberOf(1)]);

        var pipes = await Related.SameCallerAsync(TenantA, NumberOf(3), "139****1111", "李四", "pipe-network", 10, Cancellation);
        pipes.Select(r => r.Number).ShouldBe([NumberOf(7), NumberOf(1)]);

        var newest = await Related.SameCallerAsync(TenantA, NumberOf(3), "139****1111", "李四", null, 1, Cancellation);
        newest.Select(r => r.Number).ShouldBe([NumberOf(7)]);
    }
}
