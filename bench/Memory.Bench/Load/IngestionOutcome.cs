namespace MemoryFunctions.Bench.Load;

/// <summary>End-to-end ingestion: from the first 202 to the last operation seen finished.</summary>
internal sealed record IngestionOutcome(int Operations, int Turns, int Succeeded, int Failed, int Unfinished, TimeSpan FirstAcceptedToAllDone, TimeSpan Submission)
{
    public double TurnsPerSecond => Turns / FirstAcceptedToAllDone.TotalSeconds;

    public double OperationsPerSecond => Operations / FirstAcceptedToAllDone.TotalSeconds;
}
