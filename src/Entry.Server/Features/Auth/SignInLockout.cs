using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entry.Server.Features.Auth;

/// <summary>
/// Failed sign-ins of one user name from one client address. Kept for any user name, existing or not, so a lockout tells
/// nothing about which accounts exist; keyed by address too, so a stranger's failures elsewhere never lock a clerk out.
/// </summary>
public sealed class SignInLockout
{
    /// <summary>The longest user name a row keeps (Identity's own limit): a longer name cannot be anyone's.</summary>
    public const int MaxUserNameLength = 256;

    /// <summary>The user name as Identity normalises it (upper case).</summary>
    public required string UserName { get; init; }
    public required string ClientAddress { get; init; }
    /// <summary>Failures in a row since the last success or lockout.</summary>
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}

internal sealed class SignInLockoutConfiguration : IEntityTypeConfiguration<SignInLockout>
{
    public void Configure(EntityTypeBuilder<SignInLockout> lockout)
    {
        lockout.ToTable("SignInLockouts");
        lockout.HasKey(l => new { l.UserName, l.ClientAddress });
        lockout.Property(l => l.UserName).HasMaxLength(SignInLockout.MaxUserNameLength);
        lockout.Property(l => l.ClientAddress).HasMaxLength(64);
        lockout.Property(l => l.LastFailureAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        lockout.Property(l => l.LockedUntil).HasConversion(new DateTimeOffsetToBinaryConverter());
        lockout.HasIndex(l => l.LastFailureAt);
    }
}
