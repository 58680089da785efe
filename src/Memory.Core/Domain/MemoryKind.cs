namespace MemoryFunctions.Core.Domain;

public enum MemoryKind
{
    Fact,
    Preference,
    Episodic,
    Procedural,
    Summary,
    Profile,
}
