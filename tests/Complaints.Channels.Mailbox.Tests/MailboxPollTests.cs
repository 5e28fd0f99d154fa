using System.Security.Cryptography;
using System.Text;
using Complaints.Testing.Channels;
using MailKit;
using MimeKit;

namespace Complaints.Channels.Mailbox.Tests;

/// <summary>Messages in a real IMAP mailbox (dovecot) become complaints: what each becomes, once, and when it counts as processed.</summary>
public sealed class MailboxPollTests(DovecotServer server) : IClassFixture<DovecotServer>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_plain_utf8_message_becomes_one_complaint_with_the_sender_as_e_mail_contact_and_is_then_flagged_seen()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        await mailbox.DeliverAsync(MailboxUnderTest.Letter("水压太低", "我家三楼水压一直很低，请尽快处理。", messageId: "utf8-1@mail.example.com"));

        (await mailbox.PollAsync()).ShouldBe(1);

        var s = mailbox.Intake.Created.ShouldHaveSingleItem();
        s.Tenant.ShouldBe("fangyang-water");
        s.Channel.ShouldBe("mailbox");
        s.Kind.ShouldBe("complaint");
        s.ExternalId.ShouldBe("utf8-1@mail.example.com");
        s.Content.ShouldBe("水压太低\n\n我家三楼水压一直很低，请尽快处理。");
        s.Email.ShouldBe("zhangsan@example.com");
        s.ComplainantName.ShouldBe("张三");
        s.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 11, 28, 1, 30, 0, TimeSpan.Zero));
        s.Attachments.ShouldBeEmpty();
        (await mailbox.FlagsAsync()).ShouldHaveSingleItem().HasFlag(MessageFlags.Seen).ShouldBeTrue();
    }

    [Theory]
    [InlineData("gb2312", "上月水费比往常多了一倍，抄表数字有误。")]
    // 堃 is in GBK but not in GB2312.
    [InlineData("gbk", "上月水费比往常多了一倍，抄表员王堃说数字有误。")]
    public async Task A_message_in_a_legacy_chinese_charset_is_decoded(string charset, string body)
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var letter = MailboxUnderTest.Letter("关于水费的投诉", body, charset);
        using (var raw = new MemoryStream())
        {
            // The message really travels in the legacy charset: declared so, and the body's bytes are not UTF-8's.
            await letter.WriteToAsync(raw);
            var text = Encoding.ASCII.GetString(raw.ToArray());
            text.ShouldContain($"charset={charset}", Case.Insensitive);
            text.ShouldContain($"=?{Encoding.GetEncoding(charset).WebName}?", Case.Insensitive);
            text.ShouldContain(Convert.ToBase64String(Encoding.GetEncoding(charset).GetBytes(body)));
        }

        await mailbox.DeliverAsync(letter);

        (await mailbox.PollAsync()).ShouldBe(1);

        mailbox.Intake.Created.ShouldHaveSingleItem().Content.ShouldBe("关于水费的投诉\n\n" + body);
    }

    [Fact]
    public async Task A_subject_in_raw_gbk_bytes_without_a_declared_charset_is_read_as_gbk()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var gbk = Encoding.GetEncoding("gbk");
        var raw = new MemoryStream();
        raw.Write(Encoding.ASCII.GetBytes("From: zhangsan@example.com\r\nTo: dongshizhang@fangyang-water.example\r\nMessage-ID: <raw-gbk@mail.example.com>\r\nDate: Sat, 28 Nov 2026 09:30:00 +0800\r\nSubject: "));
        raw.Write(gbk.GetBytes("停水没有通知"));
        raw.Write(Encoding.ASCII.GetBytes("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=gbk\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"));
        raw.Write(gbk.GetBytes("今天突然停水，事先没有任何通知。"));
        raw.Write("\r\n"u8);
        raw.Position = 0;
        await mailbox.DeliverAsync(await MimeMessage.LoadAsync(new ParserOptions { CharsetEncoding = gbk }, raw));

        (await mailbox.PollAsync()).ShouldBe(1);

        mailbox.Intake.Created.ShouldHaveSingleItem().Content.ShouldBe("停水没有通知\n\n今天突然停水，事先没有任何通知。");
    }

    [Fact]
    public async Task An_html_only_message_is_read_as_text_without_markup_or_scripts()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var message = MailboxUnderTest.Letter("抄表员态度差", "x");
        message.Body = new TextPart("html")
        {
            Text = "<html><head><style>p{color:red}</style><title>t</title></head><body>" +
                   "<p>抄表员<b>态度</b>很差，</p><script>alert('x')</script><p>说话&lt;很冲&gt;。<br>时间：上午十点</p>" +
                   "<ul><li>地点：黄河路1号</li><li>编号：<a href=\"https://example.com/a\">工号</a></li></ul></body></html>",
        };
        await mailbox.DeliverAsync(message);

        (await mailbox.PollAsync()).ShouldBe(1);

        mailbox.Intake.Created.ShouldHaveSingleItem().Content.ShouldBe(
            "抄表员态度差\n\n抄表员态度很差，\n\n说话<很冲>。\n时间：上午十点\n\n- 地点：黄河路1号\n\n- 编号：工号 (https://example.com/a)");
    }

    [Fact]
    public async Task A_message_id_longer_than_the_intake_takes_becomes_its_sha256()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var id = new string('a', 150) + "@mail.example.com";
        await mailbox.DeliverAsync(MailboxUnderTest.Letter("长编号", "正文", messageId: id));

        (await mailbox.PollAsync()).ShouldBe(1);

        var externalId = mailbox.Intake.Created.ShouldHaveSingleItem().ExternalId;
        externalId.ShouldBe("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))));
        externalId.Length.ShouldBe(7 + 64);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_one_complaint_and_both_copies_are_marked_processed()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var letter = MailboxUnderTest.Letter("重复", "同一封信", messageId: "twice@mail.example.com");
        await mailbox.DeliverAsync(letter);
        await mailbox.DeliverAsync(letter);

        (await mailbox.PollAsync()).ShouldBe(1);
        (await mailbox.PollAsync()).ShouldBe(0);

        mailbox.Intake.Created.ShouldHaveSingleItem().ExternalId.ShouldBe("twice@mail.example.com");
        mailbox.Intake.Calls.Count.ShouldBe(2);
        (await mailbox.FlagsAsync()).ShouldAllBe(f => f.HasFlag(MessageFlags.Seen));
    }

    [Fact]
    public async Task Attachments_are_carried_with_their_names_types_and_bytes()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var letter = MailboxUnderTest.Letter("漏水照片", "见附件。");
        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5 };
        var sheet = "户号,读数\n1001,235\n"u8.ToArray();
        var body = new BodyBuilder { TextBody = "见附件。" };
        body.Attachments.Add("现场.jpg", photo, new ContentType("image", "jpeg"));
        body.Attachments.Add("readings.csv", sheet, new ContentType("text", "csv"));
        letter.Body = body.ToMessageBody();
        await mailbox.DeliverAsync(letter);

        (await mailbox.PollAsync()).ShouldBe(1);

        var attachments = mailbox.Intake.Created.ShouldHaveSingleItem().Attachments;
        attachments.Select(a => (a.Name, a.ContentType)).ShouldBe([("现场.jpg", "image/jpeg"), ("readings.csv", "text/csv")]);
        attachments[0].Content.ToArray().ShouldBe(photo);
        attachments[1].Content.ToArray().ShouldBe(sheet);
    }

    [Fact]
    public async Task Without_a_date_the_first_received_header_gives_the_received_time()
    {
        var message = MailboxUnderTest.Letter("无日期", "正文");
        message.Headers.Remove(HeaderId.Date);
        message.Headers.Add(HeaderId.Received, "from mx.example.com by mail.fangyang-water.example; Sat, 28 Nov 2026 10:15:00 +0800");
        message.Headers.Add(HeaderId.Received, "from pc by mx.example.com; Sat, 28 Nov 2026 10:14:00 +0800");

        MailSubmissions.ReceivedAt(message, Now).ShouldBe(new DateTimeOffset(2026, 11, 28, 2, 15, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_date_in_the_future_becomes_now()
    {
        var now = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        var message = MailboxUnderTest.Letter("未来", "正文", date: now.AddHours(3));

        MailSubmissions.ReceivedAt(message, now).ShouldBe(now);
    }

    [Fact]
    public async Task A_text_longer_than_the_intake_takes_is_cut_and_attached_whole()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var body = string.Concat(Enumerable.Repeat("水", 5000));
        await mailbox.DeliverAsync(MailboxUnderTest.Letter("长信", body));

        (await mailbox.PollAsync()).ShouldBe(1);

        var s = mailbox.Intake.Created.ShouldHaveSingleItem();
        s.Content.Length.ShouldBe(4000);
        s.Content.ShouldEndWith("水…");
        var whole = s.Attachments.ShouldHaveSingleItem();
        whole.Name.ShouldBe("message.txt");
        Encoding.UTF8.GetString(whole.Content.Span).ShouldBe("长信\n\n" + body);
    }

    [Fact]
    public async Task A_refused_message_is_flagged_for_a_person_left_unread_and_not_offered_again()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        var empty = MailboxUnderTest.Letter("", " ");
        await mailbox.DeliverAsync(empty);

        (await mailbox.PollAsync()).ShouldBe(0);
        (await mailbox.PollAsync()).ShouldBe(0);

        mailbox.Intake.Calls.Count.ShouldBe(1);
        var flags = (await mailbox.FlagsAsync()).ShouldHaveSingleItem();
        flags.HasFlag(MessageFlags.Flagged).ShouldBeTrue();
        flags.HasFlag(MessageFlags.Seen).ShouldBeFalse();
    }

    [Fact]
    public async Task A_message_stays_unread_until_the_intake_answers_and_comes_back_at_the_next_poll()
    {
        await using var mailbox = MailboxUnderTest.Start(server);
        await mailbox.DeliverAsync(MailboxUnderTest.Letter("稍后", "正文", messageId: "later@mail.example.com"));
        mailbox.Intake.Gate = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();

        var poll = mailbox.Poller.PollOnceAsync(mailbox.Settings, stop.Token);
        await LoopbackApp.EventuallyAsync(() => Task.FromResult(mailbox.Intake.Calls.Count), c => c == 1);
        (await mailbox.FlagsAsync()).ShouldHaveSingleItem().HasFlag(MessageFlags.Seen).ShouldBeFalse();
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => poll);
        (await mailbox.FlagsAsync()).ShouldHaveSingleItem().HasFlag(MessageFlags.Seen).ShouldBeFalse();

        mailbox.Intake.Gate = null;
        (await mailbox.PollAsync()).ShouldBe(1);
        (await mailbox.FlagsAsync()).ShouldHaveSingleItem().HasFlag(MessageFlags.Seen).ShouldBeTrue();
    }

    [Fact]
    public async Task With_a_processed_folder_a_registered_message_is_moved_there()
    {
        await using var mailbox = MailboxUnderTest.Start(server, new Dictionary<string, string?> { ["ProcessedFolder"] = "Registered" });
        await mailbox.CreateFolderAsync("Registered");
        await mailbox.DeliverAsync(MailboxUnderTest.Letter("移走", "正文"));

        (await mailbox.PollAsync()).ShouldBe(1);

        (await mailbox.FlagsAsync()).ShouldBeEmpty();
        (await mailbox.FlagsAsync("Registered")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_hosted_loop_polls_at_start_up()
    {
        var user = server.NewUser();
        await using var smtp = new SmtpReceiver();
        var settings = MailboxUnderTest.SettingsFor(server, user, smtp.Port);
        var intake = new RecordingIntake();
        settings[$"Tenants:{MailboxUnderTest.Tenant}:Channels:mailbox:PollInterval"] = "00:00:00.200";
        await using var helper = MailboxUnderTest.Start(server, user: user);
        await helper.DeliverAsync(MailboxUnderTest.Letter("定时", "正文", messageId: "loop@mail.example.com"));

        await using var plugin = await LoopbackApp.StartPluginAsync(new MailboxPlugin(), settings, intake);

        var created = await LoopbackApp.EventuallyAsync(() => Task.FromResult(intake.Created), c => c.Count == 1);
        created.ShouldHaveSingleItem().ExternalId.ShouldBe("loop@mail.example.com");
    }
}
