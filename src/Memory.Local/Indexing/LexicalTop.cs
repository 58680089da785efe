namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// The lexical channel's answer: its best slots with their BM25 scores, best first, and the query's own maximum (see
/// <see cref="LexicalIndex.Search"/>).
/// </summary>
internal readonly record struct LexicalTop(List<(int Slot, double Score)> Best, double Maximum);
