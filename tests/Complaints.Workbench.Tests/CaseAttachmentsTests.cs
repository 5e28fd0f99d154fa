using System.Globalization;
using Bunit;
using Complaints.Texts;
using Complaints.Workbench.Components.Shared;

namespace Complaints.Workbench.Tests;

/// <summary>The attachments section against the API's list shape: images inline, other files as download links.</summary>
public sealed class CaseAttachmentsTests : BunitContext
{
    private const string List = "/api/v1/tenants/fangyang-water/complaints/FY-2026-000007/attachments";

    [Fact]
    public void Images_are_shown_inline_and_other_files_are_download_links()
    {
        var module = JSInterop.SetupModule("./_content/Complaints.Workbench/attachments.js");
        module.Setup<AttachmentItem[]?>("list", List).SetResult(
        [
            new("a1", "漏水.jpg", "image/jpeg", 2048, "ab"),
            new("a2", "报告.pdf", "application/pdf", 3 * 1024 * 1024, "cd"),
        ]);

        var section = RenderAttachments();

        section.WaitForAssertion(() => section.FindAll("li.attachment").Count.ShouldBe(2));
        section.Find("li[data-id=a1] img.attachment-preview").GetAttribute("src").ShouldBe($"{List}/a1");
        section.Find("li[data-id=a1] img.attachment-preview").GetAttribute("alt").ShouldBe("漏水.jpg");
        section.Find("li[data-id=a1] .attachment-size").TextContent.ShouldBe("2 KB");
        var link = section.Find("li[data-id=a2] a.attachment-link");
        link.GetAttribute("href").ShouldBe($"{List}/a2");
        link.GetAttribute("download").ShouldBe("报告.pdf");
        section.Find("li[data-id=a2] .attachment-size").TextContent.ShouldBe("3 MB");
        section.FindAll("li[data-id=a2] img").ShouldBeEmpty();
    }

    [Fact]
    public void A_list_that_cannot_be_read_shows_none()
    {
        var module = JSInterop.SetupModule("./_content/Complaints.Workbench/attachments.js");
        module.Setup<AttachmentItem[]?>("list", List).SetResult(null);

        var section = RenderAttachments();

        section.WaitForAssertion(() => section.Find(".attachments-none").TextContent.ShouldBe("没有附件。"));
    }

    private IRenderedComponent<CaseAttachments> RenderAttachments()
    {
        CultureInfo.CurrentUICulture = PlatformTexts.Default;
        return Render<CaseAttachments>(p => p.Add(x => x.Tenant, "fangyang-water").Add(x => x.Number, "FY-2026-000007"));
    }
}
