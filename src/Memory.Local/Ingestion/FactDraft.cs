using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>A statement found by one rule, before slot, retraction and provenance are attached.</summary>
internal sealed record FactDraft(string Text, MemoryKind Kind, double Confidence, double Importance, bool DatedInPast = false);
