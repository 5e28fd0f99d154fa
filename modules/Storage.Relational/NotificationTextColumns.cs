using System.Text.Json.Nodes;

namespace Complaints.Storage.Relational;

/// <summary>
/// A notification's <see cref="TextRef"/> in its two columns: <c>text_key</c>, and <c>text_args</c> as a JSON array
/// whose items are strings (written as is) or <c>{"key": "clock.resolution"}</c> (a word rendered in the reader's language).
/// </summary>
public static class NotificationTextColumns
{
    public static string? Args(TextRef? text) =>
        text is null
            ? null
            : new JsonArray([.. text.Args.Select(a => a.IsKey ? (JsonNode)new JsonObject { ["key"] = a.Value } : JsonValue.Create(a.Value))]).ToJsonString();

    public static TextRef? Read(string? key, string? args)
    {
        if (key is null)
        {
            return null;
        }

        var items = args is null ? [] : JsonNode.Parse(args)!.AsArray();
        return new TextRef(key, [.. items.Select(i => i is JsonObject o ? TextArg.Word(o["key"]!.GetValue<string>()) : new TextArg(i!.GetValue<string>()))]);
    }
}
