using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Complaints.Channels.Mailbox.Tests;

/// <summary>Replies leave by SMTP (a receiver on loopback catches them) in the thread of the message the case came from.</summary>
public sealed class MailReplyTests(DovecotServer server) : IClassFixture<DovecotServer>
{
    private static ChannelReply Reply(IntakeSubmission s, string moment = ReplyMoments.Accepted, string text = "您的来信已受理，编号 FYW-2026-000001。") =>
        new("reply-1", s.Tenant, "FYW-2026-000001", s.Channel, s.ExternalId, moment, text, s.ReplyTo, new Dictionary<string, string>());

    private static async Task<IntakeSubmission> RegisteredAsync(MailboxUnderTest mailbox, MimeMessage letter)
    {
        await mailbox.DeliverAsync(letter);
        (await mailbox.PollAsync()).ShouldBe(1);
        return mailbox.Intake.Created.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_reply_goes_to_the_sender_in_the_thread_of_their_message()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var s = await RegisteredAsync(mailbox, MailboxUnderTest.Letter("水压太低", "三楼水压低。", messageId: "thread-1@mail.example.com"));

        (await mailbox.Sender.SendAsync(Reply(s))).ShouldBe(ReplyOutcome.Sent);

        var (from, to, message) = mailbox.Smtp.Received.ShouldHaveSingleItem();
        from.ShouldBe(MailboxUnderTest.From);
        to.ShouldBe(["zhangsan@example.com"]);
        message.InReplyTo.ShouldBe("thread-1@mail.example.com");
        message.References.ShouldBe(["thread-1@mail.example.com"]);
        message.Subject.ShouldBe("Re: 水压太低");
        message.From.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe("方阳水务董事长信箱");
        message.MessageId.ShouldBe("reply-1.FYW-2026-000001@fangyang-water.example");
        message.TextBody!.TrimEnd().ShouldBe("您的来信已受理，编号 FYW-2026-000001。");
    }

    [Fact]
    public async Task A_message_with_a_long_id_is_answered_in_its_thread_though_its_case_holds_the_hash()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var id = new string('b', 200) + "@mail.example.com";
        var s = await RegisteredAsync(mailbox, MailboxUnderTest.Letter("长编号", "正文", messageId: id));
        s.ExternalId.ShouldStartWith("sha256:");

        (await mailbox.Sender.SendAsync(Reply(s))).ShouldBe(ReplyOutcome.Sent);

        mailbox.Smtp.Received.ShouldHaveSingleItem().Message.InReplyTo.ShouldBe(id);
    }

    [Fact]
    public async Task A_reply_to_a_message_with_a_reply_to_header_goes_there_and_a_reply_subject_is_not_doubled()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var letter = MailboxUnderTest.Letter("Re: 上次的投诉", "还没有解决。");
        letter.ReplyTo.Add(new MailboxAddress("张三", "zhangsan.home@example.com"));
        var s = await RegisteredAsync(mailbox, letter);
        s.Email.ShouldBe("zhangsan@example.com");

        (await mailbox.Sender.SendAsync(Reply(s))).ShouldBe(ReplyOutcome.Sent);

        var (_, to, message) = mailbox.Smtp.Received.ShouldHaveSingleItem();
        to.ShouldBe(["zhangsan.home@example.com"]);
        message.Subject.ShouldBe("Re: 上次的投诉");
    }

    [Theory]
    [InlineData(ReplyMoments.Signed)]
    [InlineData(ReplyMoments.Returned)]
    [InlineData(ReplyMoments.ExtensionDecided)]
    public async Task Moments_between_departments_are_not_mailed(string moment)
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var s = await RegisteredAsync(mailbox, MailboxUnderTest.Letter("内部", "正文"));

        (await mailbox.Sender.SendAsync(Reply(s, moment))).ShouldBe(ReplyOutcome.Skipped);

        mailbox.Smtp.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("451 4.3.0 try again later", ReplyOutcome.RetryLater)]
    [InlineData("554 5.7.1 message refused", ReplyOutcome.Failed)]
    public async Task A_refusal_is_retried_only_when_temporary(string answer, ReplyOutcome expected)
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var s = await RegisteredAsync(mailbox, MailboxUnderTest.Letter("拒收", "正文"));
        mailbox.Smtp.RefuseNext = answer;

        (await mailbox.Sender.SendAsync(Reply(s))).ShouldBe(expected);

        mailbox.Smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_smtp_server_that_cannot_be_reached_is_tried_again_later()
    {
        int closed;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var mailbox = MailboxUnderTest.Start(server, new Dictionary<string, string?> { ["SmtpPort"] = closed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var s = await RegisteredAsync(mailbox, MailboxUnderTest.Letter("不可达", "正文"));

        (await mailbox.Sender.SendAsync(Reply(s))).ShouldBe(ReplyOutcome.RetryLater);
    }
}
