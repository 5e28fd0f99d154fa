namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>The hot spots report (热点问题, seed 002): its sheets, column headers and problem details.</summary>
    public static class HotSpots
    {
        /// <summary>The .xlsx file's name (the period follows).</summary>
        public const string File = "hotspots.file";
        public const string PlacesSheet = "hotspots.sheet.places";
        public const string RepeatSheet = "hotspots.sheet.repeat";
        public const string TermsSheet = "hotspots.sheet.terms";
        public const string Category = "hotspots.column.category";
        public const string Place = "hotspots.column.place";
        public const string PlaceKind = "hotspots.column.place-kind";
        public const string District = "hotspots.column.district";
        public const string Count = "hotspots.column.count";
        public const string First = "hotspots.column.first";
        public const string Last = "hotspots.column.last";
        public const string Number = "hotspots.column.number";
        public const string RegisteredAt = "hotspots.column.registered-at";
        public const string Status = "hotspots.column.status";
        public const string Excerpt = "hotspots.column.excerpt";
        public const string Name = "hotspots.column.name";
        public const string Phone = "hotspots.column.phone";
        public const string Term = "hotspots.column.term";

        /// <summary>The kinds of place.</summary>
        public const string KindRoad = "hotspots.kind.road";
        public const string KindCommunity = "hotspots.kind.community";
        public const string KindTown = "hotspots.kind.town";
    }
}
