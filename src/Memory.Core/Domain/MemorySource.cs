namespace MemoryFunctions.Core.Domain;

/// <summary>Who a memory is about or came from: facts about the user, things the agent said or did, or the system itself.</summary>
public enum MemorySource
{
    User,
    Agent,
    System,
}
