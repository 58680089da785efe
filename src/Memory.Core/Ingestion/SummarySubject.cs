namespace MemoryFunctions.Core.Ingestion;

public enum SummarySubject
{
    /// <summary>A rolling summary of one session's conversation.</summary>
    Session,

    /// <summary>What is known about the user across sessions.</summary>
    Profile,
}
