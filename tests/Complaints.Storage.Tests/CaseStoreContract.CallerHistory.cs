namespace Complaints.Storage.Tests;

/// <summary>The registration desk's earlier cases of the caller (<see cref="ICallerHistory"/>), on every database.</summary>
public abstract partial class CaseStoreContract
{
    private ICallerHistory Callers => (ICallerHistory)Store.Ledger;

    /// <summary>A case registered at <paramref name="at"/> whose registration event holds the phone and account number as typed.</summary>
    private async Task AddCallerAsync(int number, DateTimeOffset at, string? phone, string? accountNo, string tenant = TenantA)
    {
        var row = Ledger(NumberOf(number), tenant) with { RegisteredAt = at, ComplainantName = "李四", ComplainantPhoneMasked = "139****1111" };
        var complainant = string.Join(',', new[] { phone is null ? null : $"\"phone\":\"{phone}\"", accountNo is null ? null : $"\"accountNo\":\"{accountNo}\"" }.OfType<string>());
        var registered = new StoredEvent(1, "registered", at, "agent.li", $$"""{"tenant":"{{tenant}}","number":"{{NumberOf(number)}}","content":"停水","complainant":{"name":"李四",{{complainant}}""" + "}}");
        (await Append(new CaseAppend(tenant, NumberOf(number), 0, [registered], row))).Status.ShouldBe(AppendStatus.Appended);
    }

    [Fact]
    public async Task A_callers_earlier_cases_are_found_by_phone_as_typed_or_by_account_number_newest_first()
    {
        await AddCallerAsync(1, T0, "139 0000-1111", null);
        await AddCallerAsync(2, T0.AddDays(1), "13900001111", "  FY-0042 ");
        await AddCallerAsync(3, T0.AddDays(2), null, "FY-0042");
        await AddCallerAsync(4, T0.AddDays(3), "13900002222", "FY-0043"); // another caller
        await AddCallerAsync(5, T0.AddDays(4), "13900001111", null, tenant: TenantB); // another tenant

        (await Callers.EarlierCasesAsync(TenantA, "139-0000-1111", null, 10, Cancellation)).Select(r => r.Number).ShouldBe([NumberOf(2), NumberOf(1)]);
        (await Callers.EarlierCasesAsync(TenantA, null, "FY-0042", 10, Cancellation)).Select(r => r.Number).ShouldBe([NumberOf(3), NumberOf(2)]);
        (await Callers.EarlierCasesAsync(TenantA, "13900001111", "FY-0042", 10, Cancellation)).Select(r => r.Number).ShouldBe([NumberOf(3), NumberOf(2), NumberOf(1)]);
        (await Callers.EarlierCasesAsync(TenantA, "13900001111", "FY-0042", 2, Cancellation)).Select(r => r.Number).ShouldBe([NumberOf(3), NumberOf(2)]);
        (await Callers.EarlierCasesAsync(TenantA, " ", null, 10, Cancellation)).ShouldBeEmpty();
        (await Callers.EarlierCasesAsync(TenantA, "13900003333", null, 10, Cancellation)).ShouldBeEmpty();
    }

    /// <summary>The query plan of <see cref="ICallerHistory"/>'s statement on this database, as text.</summary>
    protected abstract Task<string> CallerHistoryPlanAsync(bool byPhone, bool byAccountNo);

    [Theory]
    [InlineData(true, false, "ix_case_events_phone")]
    [InlineData(false, true, "ix_case_events_account")]
    [InlineData(true, true, "ix_case_events_phone")]
    [InlineData(true, true, "ix_case_events_account")]
    public async Task The_callers_lookup_reads_the_registration_events_through_their_expression_indexes(bool byPhone, bool byAccountNo, string index)
    {
        await AddCallerAsync(1, T0, "13900001111", "FY-0042");

        var plan = await CallerHistoryPlanAsync(byPhone, byAccountNo);
        plan.ShouldContain(index, customMessage: plan);
    }
}
