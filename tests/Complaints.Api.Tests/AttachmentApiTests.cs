using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// Files of a case over real HTTP on the real host (SQLite file, files under the data directory): upload, list,
/// download byte for byte, stored once per content, refused without a trace, kept across a restart.
/// </summary>
public sealed class AttachmentApiTests
{
    /// <summary>A PNG: its 8-byte signature, then anything (the platform sniffs, it does not decode).</summary>
    private static readonly byte[] Photo = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("IHDR pipe burst at the corner")];

    private static readonly byte[] Scan = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");

    [Fact]
    public async Task A_photo_uploaded_is_listed_downloaded_byte_for_byte_with_its_sha256_and_in_the_history()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var desk = new Desk(platform);
        var number = (await desk.RegisterAsync()).Str("number");
        var agent = await desk.As("agent");

        var added = await Upload(agent, desk, number, Photo, "漏水照片.png", "application/octet-stream").ExpectAsync(HttpStatusCode.Created);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Photo));
        added.Str("name").ShouldBe("漏水照片.png");
        added.Str("contentType").ShouldBe("image/png"); // sniffed, not the claimed octet-stream
        added["size"]!.GetValue<long>().ShouldBe(Photo.Length);
        added.Str("sha256").ShouldBe(sha256);
        var id = added.Str("id");

        var list = JsonNode.Parse(await agent.GetStringAsync($"{desk.Complaints}/{number}/attachments"))!.AsArray();
        list.Count.ShouldBe(1);
        list[0].Str("id").ShouldBe(id);
        list[0].Str("sha256").ShouldBe(sha256);
        list[0].Str("addedBy").ShouldBe("agent@fangyang-water");

        using var download = await agent.GetAsync($"{desk.Complaints}/{number}/attachments/{id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Photo);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var disposition = string.Join(",", download.Content.Headers.GetValues("Content-Disposition"));
        disposition.ShouldStartWith("inline");
        disposition.ShouldContain("filename*=UTF-8''%E6%BC%8F%E6%B0%B4%E7%85%A7%E7%89%87.png");
        disposition.ShouldContain("filename=____.png");

        var history = (await desk.GetAsync(number))["history"]!.AsArray();
        var entry = history.Single(h => h.Str("type") == "attachment-added")!;
        entry.Str("actor").ShouldBe("agent@fangyang-water");
        entry["data"].Str("name").ShouldBe("漏水照片.png");
        entry["data"].Str("sha256").ShouldBe(sha256);

        // On disk where the address says, under the data directory.
        File.ReadAllBytes(Path.Combine(platform.DataDirectory, "attachments", sha256[..2], sha256[2..4], sha256)).ShouldBe(Photo);
    }

    [Fact]
    public async Task A_scan_downloads_as_an_attachment_and_the_same_bytes_twice_are_stored_once_and_kept_across_a_restart()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var desk = new Desk(platform);
        var first = (await desk.RegisterAsync()).Str("number");
        var second = (await desk.RegisterAsync()).Str("number");
        var agent = await desk.As("agent");

        var a = await Upload(agent, desk, first, Scan, "意见书.pdf", "application/pdf").ExpectAsync(HttpStatusCode.Created);
        var b = await Upload(agent, desk, second, Scan, "copy.pdf", "application/pdf").ExpectAsync(HttpStatusCode.Created);

        a.Str("id").ShouldNotBe(b.Str("id"));
        a.Str("sha256").ShouldBe(b.Str("sha256"));
        StoredFiles(platform).ShouldBe([Convert.ToHexStringLower(SHA256.HashData(Scan))]);

        await platform.RestartAsync();

        agent = await desk.As("agent");
        using var download = await agent.GetAsync($"{desk.Complaints}/{second}/attachments/{b.Str("id")}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Scan);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        string.Join(",", download.Content.Headers.GetValues("Content-Disposition")).ShouldStartWith("attachment");
        JsonNode.Parse(await agent.GetStringAsync($"{desk.Complaints}/{first}/attachments"))!.AsArray().Single()!.Str("name").ShouldBe("意见书.pdf");
    }

    [Fact]
    public async Task Refused_files_name_the_field_and_store_nothing()
    {
        await using var platform = await PlatformInstance.StartAsync(
            null,
            "--Tenants:fangyang-water:Attachments:MaxBytes", "64",
            "--Tenants:fangyang-water:Attachments:MaxCount", "1");
        var desk = new Desk(platform);
        var number = await desk.DispatchedAsync();
        var agent = await desk.As("agent");

        // A script named like a photo and claimed as one: sniffed, it is neither.
        var script = Encoding.ASCII.GetBytes("<script>alert(1)</script>");
        var refused = await Upload(agent, desk, number, script, "photo.jpg", "image/jpeg").ExpectAsync(HttpStatusCode.BadRequest);
        refused["errors"]!["file"].ShouldNotBeNull();

        var large = new byte[65];
        Photo.CopyTo(large, 0);
        var tooLarge = await Upload(agent, desk, number, large, "big.png", "image/png").ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        tooLarge["errors"]!["file"].ShouldNotBeNull();

        var empty = await Upload(agent, desk, number, [], "empty.png", "image/png").ExpectAsync(HttpStatusCode.BadRequest);
        empty["errors"]!["file"].ShouldNotBeNull();

        // No part named file.
        using (var wrongField = new MultipartFormDataContent { { new ByteArrayContent(Photo), "photo", "a.png" } })
        {
            (await (await agent.PostAsync($"{desk.Complaints}/{number}/attachments", wrongField)).ObjectAsync())["errors"]!["file"].ShouldNotBeNull();
        }

        // Another department's handler sees neither the case nor its files.
        var otherHandler = await desk.As("billing");
        (await Upload(otherHandler, desk, number, Photo, "a.png", "image/png")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        StoredFiles(platform).ShouldBeEmpty();
        JsonNode.Parse(await agent.GetStringAsync($"{desk.Complaints}/{number}/attachments"))!.AsArray().ShouldBeEmpty();

        // The handler of the case's department may add one; the second is over the tenant's count.
        var handler = await desk.As("pipe-network");
        await Upload(handler, desk, number, Photo, "a.png", "image/png").ExpectAsync(HttpStatusCode.Created);
        var second = await Upload(handler, desk, number, Scan[..20], "b.pdf", "application/pdf").ExpectAsync(HttpStatusCode.BadRequest);
        second["errors"]!["file"].ShouldNotBeNull();
        StoredFiles(platform).ShouldBe([Convert.ToHexStringLower(SHA256.HashData(Photo))]);
        (await otherHandler.GetAsync($"{desk.Complaints}/{number}/attachments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.GetAsync($"{desk.Complaints}/{number}/attachments/no-such-id")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, Desk desk, string number, byte[] bytes, string name, string claimedType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        var form = new MultipartFormDataContent { { file, "file", name } };
        return client.PostAsync($"{desk.Complaints}/{number}/attachments", form);
    }

    /// <summary>The content files under the data directory (their names are their SHA-256), temporary ones left out.</summary>
    private static List<string> StoredFiles(PlatformInstance platform)
    {
        var root = Path.Combine(platform.DataDirectory, "attachments");
        return Directory.Exists(root)
            ? [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp").Select(f => Path.GetFileName(f)!).Order()]
            : [];
    }
}
