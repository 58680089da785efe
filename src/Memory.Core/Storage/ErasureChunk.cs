namespace MemoryFunctions.Core.Storage;

/// <summary>One bounded step of an unfinished erase (<see cref="IMemoryStore.ContinueEraseAsync"/>).</summary>
/// <param name="Deleted">Records deleted (or reduced to a stub) by this step; one already gone is not counted again.</param>
/// <param name="Finished">Nothing written before the erase is left.</param>
public sealed record ErasureChunk(int Deleted, bool Finished);
