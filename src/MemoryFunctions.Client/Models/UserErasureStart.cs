namespace MemoryFunctions.Client.Models;

/// <summary>
/// The server's answer to an erase (<see cref="MemoryClient.BeginEraseUserAsync"/>): finished at once (<see cref="Erased"/>,
/// 200) or going on in the background (<see cref="Operation"/>, 202; poll it with <see cref="MemoryClient.WaitForOperationAsync"/>).
/// Either way nothing of the user can be read any more.
/// </summary>
public sealed record UserErasureStart(UserErasure? Erased, MemoryOperation? Operation);
