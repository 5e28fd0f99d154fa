namespace Complaints.Storage.Tests;

/// <summary>The users and refresh tokens (<see cref="IUserAccounts"/>), the same on every database.</summary>
public abstract partial class CaseStoreContract
{
    private static UserAccount Zhang(string? tenant = TenantA, string login = "zhang") => new()
    {
        Tenant = tenant,
        Login = login,
        DisplayName = "张三",
        Role = "admin",
        Department = null,
        PasswordHash = "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==",
        SecurityStamp = "stamp-1",
        CreatedAt = T0,
        ChangedAt = T0,
    };

    [Fact]
    public async Task A_user_reads_back_as_added_and_a_second_one_with_the_same_login_in_its_tenant_is_refused()
    {
        (await Store.Users.AddUserAsync(Zhang(), Cancellation)).ShouldBeTrue();
        (await Store.Users.AddUserAsync(Zhang() with { DisplayName = "另一个" }, Cancellation)).ShouldBeFalse();
        (await Store.Users.AddUserAsync(Zhang(TenantB), Cancellation)).ShouldBeTrue();
        (await Store.Users.AddUserAsync(Zhang(null) with { Role = "operator" }, Cancellation)).ShouldBeTrue();
        (await Store.Users.AddUserAsync(Zhang(null) with { Role = "operator" }, Cancellation)).ShouldBeFalse();
        await ReopenAsync();

        var zhang = await Store.Users.FindUserAsync(TenantA, "zhang", Cancellation);
        zhang.ShouldBe(Zhang());
        (await Store.Users.FindUserAsync(null, "zhang", Cancellation))!.Role.ShouldBe("operator");
        (await Store.Users.FindUserAsync(TenantA, "li", Cancellation)).ShouldBeNull();
        (await Store.Users.UsersAsync(TenantA, Cancellation)).Select(u => u.DisplayName).ShouldBe(["张三"]);
        (await Store.Users.UsersAsync(null, Cancellation)).Single().Tenant.ShouldBeNull();
    }

    [Fact]
    public async Task Disabling_or_a_new_password_changes_the_stamp_and_revokes_every_refresh_token_of_that_user_only()
    {
        await Store.Users.AddUserAsync(Zhang(), Cancellation);
        await Store.Users.AddUserAsync(Zhang(TenantB), Cancellation);
        await Store.Users.AddRefreshTokenAsync(new RefreshTokenRecord("h1", TenantA, "zhang", "f1", T0.AddDays(7)), T0, Cancellation);
        await Store.Users.AddRefreshTokenAsync(new RefreshTokenRecord("h2", TenantA, "zhang", "f2", T0.AddDays(7)), T0, Cancellation);
        await Store.Users.AddRefreshTokenAsync(new RefreshTokenRecord("h3", TenantB, "zhang", "f3", T0.AddDays(7)), T0, Cancellation);

        var disabled = await Store.Users.ChangeStandingAsync(new StandingChange(TenantA, "zhang", "stamp-2", T0.AddMinutes(1)) { Enabled = false }, Cancellation);

        disabled!.Enabled.ShouldBeFalse();
        disabled.SecurityStamp.ShouldBe("stamp-2");
        disabled.ChangedAt.ShouldBe(T0.AddMinutes(1));
        disabled.PasswordHash.ShouldBe(Zhang().PasswordHash);
        (await Store.Users.FindRefreshTokenAsync("h1", Cancellation))!.RevokedAt.ShouldBe(T0.AddMinutes(1));
        (await Store.Users.FindRefreshTokenAsync("h2", Cancellation))!.RevokedAt.ShouldBe(T0.AddMinutes(1));
        (await Store.Users.FindRefreshTokenAsync("h3", Cancellation))!.RevokedAt.ShouldBeNull();

        var reset = await Store.Users.ChangeStandingAsync(new StandingChange(TenantA, "zhang", "stamp-3", T0.AddMinutes(2)) { PasswordHash = "new-hash" }, Cancellation);
        reset!.PasswordHash.ShouldBe("new-hash");
        reset.Enabled.ShouldBeFalse();
        (await Store.Users.ChangeStandingAsync(new StandingChange(TenantA, "nobody", "s", T0), Cancellation)).ShouldBeNull();
        (await Store.Users.ChangedSinceAsync(T0.AddMinutes(2), Cancellation)).Select(u => u.Tenant).ShouldBe([TenantA]);
        (await Store.Users.ChangedSinceAsync(DateTimeOffset.MinValue, Cancellation)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_lockout_falls_on_the_nth_consecutive_failure_a_good_login_restarts_the_count_and_unlock_lifts_it()
    {
        await Store.Users.AddUserAsync(Zhang(), Cancellation);
        var until = T0.AddMinutes(15);

        (await Store.Users.RecordFailedLoginAsync(TenantA, "zhang", 3, until, Cancellation))!.FailedAttempts.ShouldBe(1);
        await Store.Users.RecordLoginAsync(TenantA, "zhang", null, T0, Cancellation);
        (await Store.Users.RecordFailedLoginAsync(TenantA, "zhang", 3, until, Cancellation))!.FailedAttempts.ShouldBe(1);
        (await Store.Users.RecordFailedLoginAsync(TenantA, "zhang", 3, until, Cancellation))!.LockedUntil.ShouldBeNull();
        var locked = await Store.Users.RecordFailedLoginAsync(TenantA, "zhang", 3, until, Cancellation);

        locked!.LockedUntil.ShouldBe(until);
        locked.FailedAttempts.ShouldBe(0);
        (await Store.Users.RecordFailedLoginAsync(TenantA, "nobody", 3, until, Cancellation)).ShouldBeNull();
        (await Store.Users.UnlockAsync(TenantA, "zhang", Cancellation)).ShouldBeTrue();
        (await Store.Users.FindUserAsync(TenantA, "zhang", Cancellation))!.LockedUntil.ShouldBeNull();
        (await Store.Users.UnlockAsync(TenantB, "zhang", Cancellation)).ShouldBeFalse();

        await Store.Users.RecordLoginAsync(TenantA, "zhang", "rehashed", T0, Cancellation);
        (await Store.Users.FindUserAsync(TenantA, "zhang", Cancellation))!.PasswordHash.ShouldBe("rehashed");
    }

    [Fact]
    public async Task A_refresh_token_rotates_once_only_and_its_family_can_be_revoked_together()
    {
        await Store.Users.AddRefreshTokenAsync(new RefreshTokenRecord("old", TenantA, "zhang", "family", T0.AddDays(7)), T0, Cancellation);
        var next = new RefreshTokenRecord("next", TenantA, "zhang", "family", T0.AddDays(8));

        (await Store.Users.RotateRefreshTokenAsync("old", next, T0.AddHours(1), Cancellation)).ShouldBeTrue();
        (await Store.Users.RotateRefreshTokenAsync("old", next with { Hash = "other" }, T0.AddHours(2), Cancellation)).ShouldBeFalse();

        (await Store.Users.FindRefreshTokenAsync("old", Cancellation))!.RevokedAt.ShouldBe(T0.AddHours(1));
        (await Store.Users.FindRefreshTokenAsync("next", Cancellation)).ShouldBe(next);
        (await Store.Users.FindRefreshTokenAsync("other", Cancellation)).ShouldBeNull();
        (await Store.Users.RevokeRefreshTokenFamilyAsync("family", T0.AddHours(3), Cancellation)).ShouldBe(1);
        (await Store.Users.FindRefreshTokenAsync("next", Cancellation))!.RevokedAt.ShouldBe(T0.AddHours(3));
        (await Store.Users.RevokeRefreshTokenAsync("next", T0.AddHours(4), Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task Logout_revokes_one_token_and_a_new_login_forgets_the_users_expired_ones()
    {
        await Store.Users.AddRefreshTokenAsync(new RefreshTokenRecord("a", TenantA, "zhang", "f1", T0.AddDays(1)), T0, Cancellation);
        await Store.Users.AddRefreshTokenAsync(new RefreshTokenRecord("b", TenantA, "zhang", "f2", T0.AddDays(9)), T0, Cancellation);

        (await Store.Users.RevokeRefreshTokenAsync("b", T0.AddHours(1), Cancellation)).ShouldBeTrue();
        await Store.Users.AddRefreshTokenAsync(new RefreshTokenRecord("c", TenantA, "zhang", "f3", T0.AddDays(9)), T0.AddDays(2), Cancellation);

        (await Store.Users.FindRefreshTokenAsync("a", Cancellation)).ShouldBeNull();
        (await Store.Users.FindRefreshTokenAsync("b", Cancellation))!.RevokedAt.ShouldBe(T0.AddHours(1));
        (await Store.Users.FindRefreshTokenAsync("c", Cancellation))!.RevokedAt.ShouldBeNull();
    }
}
