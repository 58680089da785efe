namespace MemoryFunctions.Testing.Isolation;

/// <summary>
/// One step: <paramref name="Partition"/> acts (index into <see cref="IsolationScripts.Partitions"/>); <paramref name="Target"/>
/// picks, modulo their count, one of the memory or operation ids created so far by any partition; <paramref name="Topic"/>
/// picks a word from a vocabulary shared by all partitions, so a leaking search would find foreign memories.
/// </summary>
public sealed record IsolationOp(IsolationOpKind Kind, int Partition, int Target, int Topic)
{
    public override string ToString() => $"{Kind}(p{Partition}, t{Target}, w{Topic})";
}
