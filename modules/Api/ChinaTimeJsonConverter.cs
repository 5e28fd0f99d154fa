using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Complaints.Sla;

namespace Complaints.Api;

/// <summary>The API writes every time in China Standard Time (+08:00), as the people reading it live by it.</summary>
public sealed class ChinaTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TryGetDateTimeOffset(out var value)
            ? value
            : throw new JsonException("Use an ISO 8601 date-time with an offset, e.g. 2026-10-01T08:00:00+08:00.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ChinaTime.ToChina(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
}
