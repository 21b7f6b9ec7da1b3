using System.Net;
using Entry.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Entry.Server.Features.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Auth;

/// <summary>
/// TestServer requests have no remote address. This server, in tests only, takes it from <see cref="Header"/>; the
/// production pipeline trusts no header for it.
/// </summary>
public class AddressedFactory : EntryFactory
{
    public const string Header = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services.AddSingleton<IPasswordHasher<EntryUser>>(Hashes);
        });
    }

    /// <summary>The real password hasher, counting the checks it makes (does an unknown name cost a hash like a known one?).</summary>
    public CountingPasswordHasher Hashes { get; } = new();

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>An <see cref="AddressedFactory"/> on a data directory of the test's choosing, to restart a server on the same files.</summary>
public sealed class RestartableFactory(string dataDirectory) : AddressedFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TestDatabase.Use(builder, dataDirectory);
    }
}

/// <summary>Identity's own hasher; it only counts the password checks.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<EntryUser>
{
    private readonly PasswordHasher<EntryUser> inner = new();
    private int checks;

    public int Checks => Volatile.Read(ref checks);

    public string HashPassword(EntryUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(EntryUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref checks);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
