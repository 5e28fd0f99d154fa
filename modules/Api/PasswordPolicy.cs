using Complaints.Texts;

namespace Complaints.Api;

/// <summary>What a new password must be, wherever it is set (the users API, the <c>create-user</c> command).</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 256;

    /// <summary>What is wrong with <paramref name="password"/> for <paramref name="login"/>; null when it keeps the rule.</summary>
    public static Text? Problem(string login, string? password) =>
        string.IsNullOrEmpty(password) ? new Text(TextKeys.Input.Required)
        : password.Length > MaximumLength ? new Text(TextKeys.Input.TooLong, MaximumLength)
        : password.Length < MinimumLength ? new Text(TextKeys.Users.PasswordTooShort, MinimumLength)
        : password.Trim().Equals(login, StringComparison.OrdinalIgnoreCase) || password.Trim().StartsWith(login + "@", StringComparison.OrdinalIgnoreCase) ? new Text(TextKeys.Users.PasswordIsLogin)
        : null;
}
