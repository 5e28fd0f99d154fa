using System.Security.Cryptography;
using System.Text;

namespace Complaints.Storage.Tests;

/// <summary>Attachments on each store: contents by their SHA-256, metadata rows written with the case's append.</summary>
public abstract partial class CaseStoreContract
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("a photo of the leak")];

    [Fact]
    public async Task Contents_are_stored_under_their_sha256_once_and_read_back_byte_for_byte_after_a_reopen()
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Photo));

        (await Store.Contents.PutAsync(Photo, Cancellation)).ShouldBe(sha256);
        (await Store.Contents.PutAsync(Photo.ToArray(), Cancellation)).ShouldBe(sha256); // the same bytes again: nothing new
        await ReopenAsync();

        await using var read = (await Store.Contents.OpenAsync(sha256, Cancellation)).ShouldNotBeNull();
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, Cancellation);
        copy.ToArray().ShouldBe(Photo);
        (await Store.Contents.OpenAsync(new string('0', 64), Cancellation)).ShouldBeNull();
        (await Store.Contents.OpenAsync("../../etc/passwd", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task An_appends_attachment_rows_are_listed_per_case_in_the_order_added_and_a_lost_append_writes_none()
    {
        var sha256 = await Store.Contents.PutAsync(Photo, Cancellation);
        var first = new AttachmentRecord(TenantA, "FY-2026-000001", "a1", "漏水照片.jpg", "image/jpeg", Photo.Length, sha256, T0.AddMinutes(1), "channel:wechat");
        var second = first with { Id = "a2", Name = "scan.pdf", ContentType = "application/pdf", AddedAt = T0.AddMinutes(5), AddedBy = "agent.li" };
        (await Append(NewCase("FY-2026-000001") with { Attachments = [first] })).Status.ShouldBe(AppendStatus.Appended);
        (await Append(Next("FY-2026-000001", 1, [Event(2)]) with { Attachments = [second] })).Status.ShouldBe(AppendStatus.Appended);
        // A stale writer loses: its row is not written.
        (await Append(Next("FY-2026-000001", 1, [Event(2)]) with { Attachments = [second with { Id = "lost" }] })).Status.ShouldBe(AppendStatus.Conflict);
        await ReopenAsync();

        var listed = await Store.Attachments.ListAsync(TenantA, "FY-2026-000001", Cancellation);
        listed.Select(a => a.Id).ShouldBe(["a1", "a2"]);
        listed[0].ShouldBe(first with { AddedAt = listed[0].AddedAt });
        listed[0].AddedAt.ShouldBe(first.AddedAt);
        (await Store.Attachments.FindAsync(TenantA, "FY-2026-000001", "a2", Cancellation)).ShouldNotBeNull().Name.ShouldBe("scan.pdf");
        (await Store.Attachments.FindAsync(TenantA, "FY-2026-000001", "lost", Cancellation)).ShouldBeNull();
        (await Store.Attachments.ListAsync(TenantB, "FY-2026-000001", Cancellation)).ShouldBeEmpty();
    }
}
