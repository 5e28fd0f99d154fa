using Complaints.Api;
using Complaints.Cases;
using Complaints.Grains;
using Microsoft.Extensions.Configuration;
using InputLimits = Complaints.Texts.InputLimits;
using IntakeLimits = Complaints.Channels.IntakeLimits;
using CaseReplyMoments = Complaints.Cases.ReplyMoments;
using PluginCaseStatuses = Complaints.Channels.CaseStatuses;
using PluginChinaTime = Complaints.Channels.ChinaTime;
using PluginReplyMoments = Complaints.Channels.ReplyMoments;
using ReplyTemplates = Complaints.Channels.ReplyTemplates;
using SlaChinaTime = Complaints.Sla.ChinaTime;
using StaffClaims = Complaints.Channels.StaffClaims;
using StaffRoles = Complaints.Channels.StaffRoles;

namespace Complaints.Architecture.Tests;

/// <summary>
/// Plugins see the platform's words only as constants in the intake contract (they may not reference the complaints
/// module). These tests fail when a copy drifts from its owner: the case events, statuses and roles in the state
/// machine, the claims in the API's token issuer, China time in the SLA module.
/// </summary>
public sealed class VocabularyDriftTests
{
    [Fact]
    public void The_plugins_reply_moments_are_the_events_that_produce_a_reply()
    {
        var owner = CaseReplyMoments.Events.ToDictionary(t => t.Name, EventCodec.NameOf);

        Rules.Drift(nameof(PluginReplyMoments), Rules.ConstantsOf(typeof(PluginReplyMoments)), owner).ShouldBeEmpty();
        PluginReplyMoments.All.Order().ShouldBe(CaseReplyMoments.All.Order());
    }

    [Fact]
    public void The_plugins_statuses_are_the_state_machines()
    {
        var owner = Enum.GetValues<CaseStatus>().ToDictionary(s => s.ToString(), s => Words.Of(s));

        Rules.Drift(nameof(PluginCaseStatuses), Rules.ConstantsOf(typeof(PluginCaseStatuses)), owner).ShouldBeEmpty();
        PluginCaseStatuses.All.ShouldBe(CaseStatuses.All);
    }

    [Fact]
    public void The_plugins_staff_roles_are_the_roles_people_log_in_with()
    {
        var owner = Enum.GetValues<Role>().Where(r => Roles.Staff.Contains(Words.Of(r))).ToDictionary(r => r.ToString(), r => Words.Of(r));

        Rules.Drift(nameof(StaffRoles), Rules.ConstantsOf(typeof(StaffRoles)), owner).ShouldBeEmpty();
        StaffRoles.All.Order().ShouldBe(Roles.Staff.Order());
    }

    [Fact]
    public void The_plugins_claim_names_are_the_token_issuers()
    {
        Rules.Drift(nameof(StaffClaims), Rules.ConstantsOf(typeof(StaffClaims)), Rules.ConstantsOf(typeof(PlatformClaims))).ShouldBeEmpty();
        StaffClaims.All.Order().ShouldBe(Rules.ConstantsOf(typeof(StaffClaims)).Values.Order());
    }

    [Fact]
    public void The_plugins_china_time_is_the_sla_modules() => PluginChinaTime.Offset.ShouldBe(SlaChinaTime.Offset);

    [Fact]
    public void Every_reply_moment_has_a_standard_text()
    {
        var templates = new ReplyTemplates(new ConfigurationBuilder().Build());
        var data = new Dictionary<string, string> { ["number"] = "FY-2026-000001" };

        // An unknown moment falls back to the bare number.
        PluginReplyMoments.All.Where(m => templates.Render("tenant", "channel", m, data) == "FY-2026-000001").ShouldBeEmpty();
        templates.Render("tenant", "channel", "withdrawn", data).ShouldBe("FY-2026-000001");
    }

    [Fact]
    public void The_plugins_intake_limits_are_the_hosts_input_limits()
    {
        // The host's validation (the case decider) reads InputLimits; a plugin reads IntakeLimits.
        var owner = new Dictionary<string, int>
        {
            [nameof(IntakeLimits.ExternalIdMaxLength)] = InputLimits.ExternalId.MaxLength,
            [nameof(IntakeLimits.ContentMaxLength)] = InputLimits.Content.MaxLength,
            [nameof(IntakeLimits.NameMaxLength)] = InputLimits.Name.MaxLength,
            [nameof(IntakeLimits.PhoneMaxLength)] = InputLimits.Phone.MaxLength,
            [nameof(IntakeLimits.AddressMaxLength)] = InputLimits.Address.MaxLength,
            [nameof(IntakeLimits.LocationMaxLength)] = InputLimits.Location.MaxLength,
            [nameof(IntakeLimits.AccountNoMaxLength)] = InputLimits.AccountNo.MaxLength,
            [nameof(IntakeLimits.IdentifierMaxLength)] = InputLimits.Identifier.MaxLength,
            [nameof(IntakeLimits.ReceivedAtToleranceSeconds)] = (int)InputLimits.ReceivedAtTolerance.TotalSeconds,
            [nameof(IntakeLimits.AttachmentMaxBytes)] = (int)Complaints.Cases.AttachmentRules.DefaultMaxBytes,
            [nameof(IntakeLimits.AttachmentMaxCount)] = Complaints.Cases.AttachmentRules.DefaultMaxCount,
        };
        var copy = typeof(IntakeLimits).GetFields().Where(f => f.IsLiteral).ToDictionary(f => f.Name, f => $"{f.GetRawConstantValue()}");

        Rules.Drift(nameof(IntakeLimits), copy, owner.ToDictionary(o => o.Key, o => $"{o.Value}")).ShouldBeEmpty();
        (IntakeLimits.ExternalIdMaxLength, IntakeLimits.ContentMaxLength).ShouldBe((128, 4000));
    }

    [Fact]
    public void The_drift_check_names_a_missing_a_misspelt_and_an_ownerless_word()
    {
        var owner = new Dictionary<string, string> { ["Signed"] = "signed", ["Returned"] = "returned", ["Closed"] = "closed" };
        var copy = new Dictionary<string, string> { ["Signed"] = "signed", ["Returned"] = "return", ["Withdrawn"] = "withdrawn" };

        Rules.Drift("Moments", copy, owner).ShouldBe(
        [
            "Moments lacks Closed = \"closed\"",
            "Moments.Returned is \"return\", its owner says \"returned\"",
            "Moments.Withdrawn = \"withdrawn\" has no owner",
        ]);
    }
}
