namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>Attachments (附件): why a file was refused, and the history's word for an added file.</summary>
    public static class Attachments
    {
        /// <summary>The file is empty.</summary>
        public const string Empty = "attachment.empty";

        /// <summary>The file is larger than the tenant allows: {0} the limit in bytes.</summary>
        public const string TooLarge = "attachment.too-large";

        /// <summary>The content is none of the tenant's types: {0} what it is (or "unknown"), {1} the allowed types.</summary>
        public const string TypeRefused = "attachment.type-refused";

        /// <summary>The case has as many files as the tenant allows: {0} the limit.</summary>
        public const string TooMany = "attachment.too-many";

        /// <summary>A file's name is missing or has characters that cannot be stored.</summary>
        public const string Name = "attachment.name";

        /// <summary>No such attachment on the case: {0} the id.</summary>
        public const string NotFound = "attachment.not-found";

        /// <summary>No part named <c>file</c> in the multipart body.</summary>
        public const string FileRequired = "attachment.file-required";

        /// <summary>An archived or ended case takes no more files: {0} the case number.</summary>
        public const string CaseEnded = "attachment.case-ended";
    }
}
