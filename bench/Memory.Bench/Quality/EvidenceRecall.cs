namespace MemoryFunctions.Bench.Quality;

/// <summary>Counts of questions whose evidence turn was within the top 10 and top 20 of each channel and of the fused ranking.</summary>
internal sealed class EvidenceRecall
{
    private int _questions;
    private int _vector10, _lexical10, _fused10, _vector20, _lexical20, _fused20;

    public double Vector10 => Share(_vector10);

    public double Lexical10 => Share(_lexical10);

    public double Fused10 => Share(_fused10);

    public double Vector20 => Share(_vector20);

    public double Lexical20 => Share(_lexical20);

    public double Fused20 => Share(_fused20);

    public void Add(int? vectorRank, int? lexicalRank, int? fusedPosition)
    {
        _questions++;
        _vector10 += vectorRank <= 10 ? 1 : 0;
        _lexical10 += lexicalRank <= 10 ? 1 : 0;
        _fused10 += fusedPosition <= 10 ? 1 : 0;
        _vector20 += vectorRank <= 20 ? 1 : 0;
        _lexical20 += lexicalRank <= 20 ? 1 : 0;
        _fused20 += fusedPosition <= 20 ? 1 : 0;
    }

    private double Share(int count) => _questions == 0 ? 0 : (double)count / _questions;
}
