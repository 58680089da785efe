namespace MemoryFunctions.Core.Domain;

public enum MemoryKind
{
    Fact,
    Preference,
    Episodic,
    Procedural,
    Summary,
    Profile,

    /// <summary>A conversation turn kept verbatim (speaker, session, message id, event time): the evidence behind the facts.</summary>
    Turn,
}
