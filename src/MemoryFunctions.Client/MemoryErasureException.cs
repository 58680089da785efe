using MemoryFunctions.Client.Models;

namespace MemoryFunctions.Client;

/// <summary>
/// An erase that went on in the background ended without finishing (<see cref="Operation"/>'s error says why, e.g. workflow
/// history that could not be purged). The user's data is hidden from every read all the same; erasing again finishes it.
/// </summary>
public sealed class MemoryErasureException : Exception
{
    public MemoryErasureException()
        : this("The erase did not finish.")
    {
    }

    public MemoryErasureException(string message)
        : this(message, innerException: null)
    {
    }

    public MemoryErasureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MemoryErasureException(MemoryOperation operation)
        : base($"Erase operation '{operation?.Id}' ended {operation?.Status}: {operation?.Error?.Detail}")
    {
        Operation = operation;
    }

    public MemoryOperation? Operation { get; }
}
