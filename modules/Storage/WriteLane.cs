namespace Complaints.Storage;

/// <summary>
/// Which queue of the store's writer a write waits in. Every batch takes all waiting requests first and then at most a
/// bounded share of the clocks' work, so a registration or a user's action never waits behind a deadline storm's
/// catch-up: at most one batch's bounded share of it.
/// </summary>
public enum WriteLane
{
    /// <summary>A user's or a channel's request: a registration, an action, anything someone waits on.</summary>
    Requests,

    /// <summary>The clocks' own work: warnings and breaches recorded by a catch-up, and reminder rows.</summary>
    Clocks,
}
