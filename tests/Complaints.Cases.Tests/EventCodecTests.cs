using System.Text.Json;
using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>How events are named and stored: the data column holds JSON; when and who live in their own columns.</summary>
public sealed class EventCodecTests
{
    private static readonly DateTimeOffset StoredAt = new(2026, 3, 5, 14, 30, 15, TimeSpan.FromHours(8));
    private const string StoredBy = "handler.chen";

    /// <summary>One of every event, with every optional field filled, keyed by its stored name.</summary>
    internal static readonly Dictionary<string, CaseEvent> Samples = new()
    {
        ["registered"] = new Registered(
            Tenant,
            Number,
            Gov12345,
            ComplaintKind.Repair,
            "Burst pipe at the corner of Jiefang Road.",
            NoWater,
            T0.AddHours(-3),
            "12345-2026-0001",
            new Complainant("Zhang San", Mobile, "12 Jiefang Road", "A-1001"),
            new ComplaintTarget(TargetType.Staff, "Meter reader Wu"),
            "Jiefang Road / Renmin Road",
            "FY-2025-000999",
            T0.AddDays(1)),
        ["accepted"] = new Accepted(NoWater, "Verified.", ComplaintKind.Complaint, new ComplaintTarget(TargetType.Department, "Meter reading")),
        ["reclassified"] = new Reclassified(ComplaintKind.Inquiry, LowPressure, new ComplaintTarget(TargetType.Company, null), "Only a question."),
        ["rejected"] = new Rejected("Private pipes are the owner's."),
        ["answered"] = new Answered("The office opens at 8:30.", CustomerAccepted: true),
        ["dispatched"] = new Dispatched(PipeNetwork, "Call today.", AwaitingApproval: true),
        ["dispatch-approved"] = new DispatchApproved(PipeNetwork, "Approved."),
        ["dispatch-refused"] = new DispatchRefused(PipeNetwork, "应转工程部"),
        ["signed"] = new Signed(PipeNetwork),
        ["returned"] = new Returned(PipeNetwork, "A billing matter."),
        ["returned-to-source"] = new ReturnedToSource("Not a water matter: the gas company's."),
        ["extension-requested"] = new ExtensionRequested(T0.AddDays(5), "Digging needed."),
        ["extension-decided"] = new ExtensionDecided(true, T0.AddDays(5), "Granted."),
        ["result-reported"] = new ResultReported("Valve replaced.", "New valve.", "Crew reminded.", "March bill waived."),
        ["callback-recorded"] = new CallbackRecorded(Satisfaction.BasicallySatisfied, "Mostly happy."),
        ["redispatched"] = new Redispatched(Billing, "The customer was not satisfied.", PipeNetwork),
        ["escalated"] = new Escalated(PipeNetwork, "The customer was not satisfied."),
        ["callback-not-reached"] = new CallbackNotReached(2, "No answer at 16:00."),
        ["closed"] = new Closed("The customer was satisfied."),
        ["supervised"] = new Supervised("Customer called three times."),
        ["contact-viewed"] = new ContactViewed(),
        ["recomplained"] = new Recomplained("FY-2026-000002"),
        ["flagged"] = new Flagged(["threat"], "supervisor.wang", "Said he would block the road."),
        ["attachment-added"] = new AttachmentAdded("0193a5b2c3d4", "漏水照片.jpg", "image/jpeg", 2048, new string('a', 64)),
        ["clock-started"] = new ClockStarted("resolution", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(8)), "pipe-network"),
        ["clock-rescheduled"] = new ClockRescheduled("resolution", new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(8))),
        ["clock-warned"] = new ClockWarned("first-reply", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)), null),
        ["clock-breached"] = new ClockBreached("resolution", new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(8)), "pipe-network", 2, 20m, "handler.chen"),
        ["clock-stopped"] = new ClockStopped("dispatch", Met: true),
    };

    public static TheoryData<string> Names => [.. Samples.Keys];

    [Fact]
    public void Every_event_type_has_a_sample_here()
    {
        var eventTypes = typeof(CaseEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order();

        Samples.Values.Select(e => e.GetType().Name).Order().ShouldBe(eventTypes);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_event_is_stored_under_its_kebab_case_name(string name)
    {
        EventCodec.NameOf(Samples[name]).ShouldBe(name);
        name.ShouldMatch("^[a-z]+(-[a-z]+)*$");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_event_round_trips_with_when_and_who_taken_from_the_arguments(string name)
    {
        var original = Samples[name] with { At = T0, Actor = "someone.else" };

        var json = EventCodec.Serialize(original);
        var back = EventCodec.Deserialize(name, StoredAt, StoredBy, json);

        back.ShouldBe(Samples[name] with { At = StoredAt, Actor = StoredBy });
        back.GetType().ShouldBe(original.GetType());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void When_and_who_are_not_written_into_the_data(string name)
    {
        var json = EventCodec.Serialize(Samples[name] with { At = T0, Actor = "agent.li" });

        using var doc = JsonDocument.Parse(json);
        doc.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
        doc.RootElement.TryGetProperty("at", out _).ShouldBeFalse();
        doc.RootElement.TryGetProperty("actor", out _).ShouldBeFalse();
        json.ShouldNotContain("agent.li");
    }

    [Fact]
    public void When_and_who_in_the_data_are_ignored_on_reading()
    {
        var back = EventCodec.Deserialize("rejected", StoredAt, StoredBy, """{"reason":"Out of scope.","at":"2020-01-01T00:00:00+00:00","actor":"mallory"}""");

        back.ShouldBe(new Rejected("Out of scope.") { At = StoredAt, Actor = StoredBy });
    }

    [Fact]
    public void Properties_are_camel_case_and_absent_values_are_left_out()
    {
        var json = EventCodec.Serialize(new Registered(Tenant, Number, Hotline, ComplaintKind.Complaint, "No water.", null, T0, null, new Complainant(Anonymous: true), null, null, null, null));

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.GetProperty("receivedAt").GetDateTimeOffset().ShouldBe(T0);
        root.GetProperty("complainant").GetProperty("anonymous").GetBoolean().ShouldBeTrue();
        root.TryGetProperty("category", out _).ShouldBeFalse();
        root.TryGetProperty("externalId", out _).ShouldBeFalse();
        root.TryGetProperty("target", out _).ShouldBeFalse();
        root.GetProperty("complainant").TryGetProperty("phone", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Satisfaction.Satisfied, "satisfied")]
    [InlineData(Satisfaction.BasicallySatisfied, "basically-satisfied")]
    [InlineData(Satisfaction.Unsatisfied, "unsatisfied")]
    public void Satisfaction_is_written_in_kebab_case(Satisfaction satisfaction, string word)
    {
        var json = EventCodec.Serialize(new CallbackRecorded(satisfaction, null));

        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("satisfaction").GetString().ShouldBe(word);
        EventCodec.Deserialize("callback-recorded", StoredAt, StoredBy, json).ShouldBeOfType<CallbackRecorded>().Satisfaction.ShouldBe(satisfaction);
    }

    [Fact]
    public void Kinds_and_target_types_are_written_in_kebab_case()
    {
        using var doc = JsonDocument.Parse(EventCodec.Serialize(Samples["registered"]));

        doc.RootElement.GetProperty("kind").GetString().ShouldBe("repair");
        doc.RootElement.GetProperty("target").GetProperty("type").GetString().ShouldBe("staff");
    }

    [Fact]
    public void The_stored_registration_keeps_the_phone_but_its_display_masks_it()
    {
        var stored = (Registered)(Samples["registered"] with { At = T0, Actor = "agent.li" });

        var shown = stored.ForDisplay().ShouldBeOfType<Registered>();

        shown.Complainant.Phone.ShouldBe("138****5678");
        shown.Complainant.Name.ShouldBe("Zhang San");
        shown.Complainant.Address.ShouldBe("12 Jiefang Road");
        shown.At.ShouldBe(T0);
        shown.Actor.ShouldBe("agent.li");
        shown.Content.ShouldBe(stored.Content);
        stored.Complainant.Phone.ShouldBe(Mobile);
        EventCodec.Serialize(stored).ShouldContain(Mobile);
        EventCodec.Serialize(shown).ShouldNotContain(Mobile);
    }

    [Fact]
    public void Displaying_an_anonymous_registration_without_a_phone_is_harmless()
    {
        var stored = new Registered(Tenant, Number, Hotline, ComplaintKind.Complaint, "No water.", null, T0, null, new Complainant(Anonymous: true), null, null, null, null);

        stored.ForDisplay().ShouldBe(stored);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Other_events_are_shown_as_they_are(string name)
    {
        var e = Samples[name];
        if (e is Registered)
        {
            return;
        }

        e.ForDisplay().ShouldBeSameAs(e);
    }

    [Fact]
    public void An_unknown_event_name_is_bad_data()
    {
        Should.Throw<InvalidDataException>(() => EventCodec.Deserialize("teleported", StoredAt, StoredBy, "{}"));
        Should.Throw<InvalidDataException>(() => EventCodec.Deserialize("Rejected", StoredAt, StoredBy, """{"reason":"x"}"""));
    }

    [Fact]
    public void Null_data_is_bad_data() =>
        Should.Throw<InvalidDataException>(() => EventCodec.Deserialize("signed", StoredAt, StoredBy, "null"));

    public static TheoryData<CaseStatus, string> StatusWords => new()
    {
        { CaseStatus.Registered, "registered" },
        { CaseStatus.Accepted, "accepted" },
        { CaseStatus.PendingApproval, "pending-approval" },
        { CaseStatus.Dispatched, "dispatched" },
        { CaseStatus.InProgress, "in-progress" },
        { CaseStatus.Returned, "returned" },
        { CaseStatus.Resolved, "resolved" },
        { CaseStatus.Closed, "closed" },
        { CaseStatus.Rejected, "rejected" },
        { CaseStatus.Answered, "answered" },
    };

    [Theory]
    [MemberData(nameof(StatusWords))]
    public void Statuses_speak_the_words_of_the_api(CaseStatus status, string word)
    {
        Words.Of(status).ShouldBe(word);
        Words.TryParse<CaseStatus>(word, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(status);
    }

    [Fact]
    public void Words_are_listed_and_parsed_exactly()
    {
        Words.All<CaseStatus>().Count().ShouldBe(StatusWords.Count);
        Words.All<Satisfaction>().ShouldBe(["satisfied", "basically-satisfied", "unsatisfied"]);
        Words.All<ComplaintKind>().ShouldBe(["complaint", "inquiry", "suggestion", "repair", "praise"]);
        Words.Of(Role.Handler).ShouldBe("handler");
        Words.TryParse<CaseStatus>("InProgress", out _).ShouldBeFalse();
        Words.TryParse<CaseStatus>("in_progress", out _).ShouldBeFalse();
        Words.TryParse<CaseStatus>(null, out _).ShouldBeFalse();
    }
}
