namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>The complainant's e-mail and WeChat OpenID contacts (beside the phone).</summary>
    public static class Contacts
    {
        /// <summary>Refusal: the e-mail field does not hold one address.</summary>
        public const string EmailInvalid = "contacts.email-invalid";
    }
}
