using MemoryFunctions.Http.Contracts;

namespace MemoryFunctions.Http.Import;

/// <summary>What one batch of an import settled: every line up to <see cref="EndLine"/>, unless <see cref="Stopped"/> says why it could not.</summary>
internal sealed record ImportBatchOutcome(long EndLine, int Imported, int Existing, List<ImportLineError> Errors, ImportLineError? Stopped);
