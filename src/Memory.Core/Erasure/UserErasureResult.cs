using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;

namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// An acknowledged erase: finished at once (<see cref="Erased"/>, answered 200 with the counts) or going on in the
/// background (<see cref="Operation"/>, answered 202 with the operation to poll). Either way no read returns the user's
/// earlier data from this moment on.
/// </summary>
public sealed record UserErasureResult(UserErasure? Erased, MemoryOperation? Operation)
{
    public static UserErasureResult Finished(UserErasure erased) => new(erased, null);

    public static UserErasureResult Continuing(MemoryOperation operation) => new(null, operation);
}
