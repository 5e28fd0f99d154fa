namespace Complaints.Grains.Tests;

/// <summary>How received files are described before the case refers to them.</summary>
public sealed class CaseAttachmentsTests
{
    [Fact]
    public void Files_received_together_are_listed_in_the_order_they_came()
    {
        // Twenty files in one millisecond: the list orders one item's files by id (they share their time).
        var files = Enumerable.Range(1, 20).Select(i => new AttachmentUpload($"scan-{i:D2}.pdf", "%PDF-1.4\n"u8.ToArray())).ToList();

        var described = CaseAttachments.DescribeAll(files);

        described.Select(d => d.Name).ShouldBe(files.Select(f => f.Name));
        described.Select(d => d.Id).ShouldBe(described.Select(d => d.Id).Order(StringComparer.Ordinal));
        described.Select(d => d.Id).Distinct().Count().ShouldBe(20);
        described.ShouldAllBe(d => d.ContentType == "application/pdf");
    }
}
