namespace Entry.Server.Features.National;

/// <summary>The national database's base address: the configured one, or the embedded stub's once it listens.</summary>
public sealed class NationalDbEndpoint
{
    private Uri? address;

    public Uri BaseAddress => address ?? throw new InvalidOperationException("The national database's address is not known yet: the embedded stub has not started.");

    public void Set(Uri baseAddress) => address = baseAddress;
}
