using System.Net;
using Entry.Server.Data;
using Entry.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Auth;

/// <summary>Why a sign-in was refused, as the code the answer carries.</summary>
public enum SignInRefusal
{
    WrongCredentials,
    LockedOut,
    NotAllowed,
}

/// <summary>
/// Checks a user name and password so the answer and its timing tell nothing about which accounts exist: the password
/// hasher runs for every attempt (against a fixed hash for an unknown name), and failures are counted per user name
/// <em>and</em> client address whether the account exists or not. <see cref="AuthOptions.MaxFailedAttempts"/> failures in a
/// row from one address lock that name for that address for <see cref="AuthOptions.LockoutMinutes"/>; while locked every
/// attempt from there is refused as locked, the right password too (answering otherwise would let a guesser go on testing
/// passwords). Other addresses are not affected; an Admin lifts a lockout with <see cref="UnlockAsync"/>.
/// </summary>
public sealed class SignInGuard(EntryDb db, UserManager<EntryUser> users, SignInManager<EntryUser> signIn, IPasswordHasher<EntryUser> hasher,
    IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly EntryUser Nobody = new() { UserName = "nobody" };
    private static string? nobodysHash;

    public async Task<(EntryUser? User, SignInRefusal? Refusal)> CheckAsync(string userName, string password, string clientAddress, CancellationToken ct)
    {
        var normalized = users.NormalizeName(userName);
        var now = time.GetUtcNow();
        var lockout = await db.SignInLockouts.FindAsync([normalized, clientAddress], ct);
        var user = await users.FindByNameAsync(userName);
        bool passwordRight;
        if (user is not null)
        {
            passwordRight = await users.CheckPasswordAsync(user, password);
        }
        else
        {
            // The same work as for a known name, answered as a wrong password.
            _ = hasher.VerifyHashedPassword(Nobody, NobodysHash(), password);
            passwordRight = false;
        }

        if (lockout?.LockedUntil is { } until && until > now)
        {
            return (null, SignInRefusal.LockedOut);
        }
        if (user is null || !passwordRight)
        {
            return (null, await RecordFailureAsync(lockout, normalized, clientAddress, now, ct));
        }
        if (lockout is not null)
        {
            db.SignInLockouts.Remove(lockout);
            await db.SaveChangesAsync(ct);
        }
        return await signIn.CanSignInAsync(user) ? (user, null) : (null, SignInRefusal.NotAllowed);
    }

    /// <summary>Lifts every lockout of the user name (from every address); false when there is no such user.</summary>
    public async Task<bool> UnlockAsync(string userName, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            return false;
        }
        var normalized = user.NormalizedUserName!;
        await db.SignInLockouts.Where(l => l.UserName == normalized).ExecuteDeleteAsync(ct);
        // Identity's own lockout fields, in case an older sign-in path set them.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    /// <summary>The client address a sign-in is counted under: the connection's remote address (IPv4 written as IPv4).</summary>
    public static string ClientAddressOf(HttpContext http) => http.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : "unknown";

    private async Task<SignInRefusal> RecordFailureAsync(SignInLockout? lockout, string normalized, string clientAddress, DateTimeOffset now,
        CancellationToken ct)
    {
        var auth = options.Value;
        if (normalized.Length > SignInLockout.MaxUserNameLength)
        {
            // No account has such a name, so there is nothing to lock; PostgreSQL would refuse the row's key anyway.
            return SignInRefusal.WrongCredentials;
        }
        // Rows of names not tried for a day and not locked go: an attacker spraying names cannot grow the table for long.
        var stale = now.AddDays(-1);
        await db.SignInLockouts
            .Where(l => l.LastFailureAt < stale && (l.LockedUntil == null || l.LockedUntil < now) && !(l.UserName == normalized && l.ClientAddress == clientAddress))
            .ExecuteDeleteAsync(ct);
        if (lockout is null)
        {
            lockout = new SignInLockout { UserName = normalized, ClientAddress = clientAddress };
            db.SignInLockouts.Add(lockout);
        }
        if (lockout.LockedUntil is not null)
        {
            // A lockout that has run out: counting starts again.
            lockout.LockedUntil = null;
            lockout.Failures = 0;
        }
        lockout.Failures++;
        lockout.LastFailureAt = now;
        var locks = lockout.Failures >= auth.MaxFailedAttempts;
        if (locks)
        {
            lockout.LockedUntil = now.AddMinutes(auth.LockoutMinutes);
            lockout.Failures = 0;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two failures of the same name from the same address at once: one of them is counted.
            db.ChangeTracker.Clear();
        }
        return locks ? SignInRefusal.LockedOut : SignInRefusal.WrongCredentials;
    }

    private string NobodysHash() => nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
}
