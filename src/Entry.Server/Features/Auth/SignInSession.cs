using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entry.Server.Features.Auth;

/// <summary>
/// One sign-in: its random id rides in the bearer token or cookie as the <see cref="Sessions.Claim"/> claim. Sign-out deletes
/// the row, so that token or cookie (and any copy of it) stops working at once, also after a restart.
/// </summary>
public sealed class SignInSession
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public EntryUser? User { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> session)
    {
        session.ToTable("SignInSessions");
        session.Property(s => s.Id).HasMaxLength(64);
        session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.Property(s => s.StartedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        session.HasIndex(s => s.StartedAt);
    }
}
