using Entry.NationalDb.Contracts;

namespace Entry.NationalDb.Faults;

/// <summary>The misbehaviour in force: starts from <c>Stub:Faults</c>, changed at run time by the admin endpoints.</summary>
public sealed class FaultState(FaultSettings initial)
{
    private volatile FaultSettings current = initial;

    public FaultSettings Current => current;

    public void Set(FaultSettings settings) => current = settings;
}
