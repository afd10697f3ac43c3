using BenchmarkDotNet.Running;
using IptTriage.Benchmarks.Screening;

namespace IptTriage.Benchmarks;

public static class Program
{
    /// <summary><c>make-corpus FILE COUNT</c> writes a JSON Lines input for timing <c>iptriage screen</c>; anything
    /// else goes to BenchmarkDotNet (<c>--filter '*'</c>, <c>--job short</c>, ...).</summary>
    public static int Main(string[] args)
    {
        if (args is ["make-corpus", .. var rest]) return MakeCorpus.Run(rest);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
