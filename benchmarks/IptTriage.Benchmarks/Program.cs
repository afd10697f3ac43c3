using BenchmarkDotNet.Running;
using IptTriage.Benchmarks.Durable;
using IptTriage.Benchmarks.Screening;

namespace IptTriage.Benchmarks;

public static class Program
{
    /// <summary><c>durable ...</c> runs the durable-engine throughput run; <c>durable-dtfx ...</c> the same shape on
    /// Microsoft's DurableTask.Core (in memory or on Azure Storage); <c>make-corpus FILE COUNT</c> writes a JSON
    /// Lines input for timing <c>iptriage screen</c>; <c>what-if ...</c> times <c>iptriage policy what-if</c> beside
    /// <c>screen</c> on such a corpus; <c>referral-list ...</c> the referral list's queries on SQLite and
    /// PostgreSQL; <c>fhir ...</c> FHIR intake beside the JSON form's; anything else goes to BenchmarkDotNet (<c>--filter '*'</c>,
    /// <c>--job short</c>, ...).</summary>
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["durable", .. var durableArgs]:
                return DurableBench.Run(durableArgs);
            case ["durable-dtfx", .. var dtfxArgs]:
                return DtfxBench.Run(dtfxArgs);
            case ["workflow", .. var workflowArgs]:
                return Workflow.WorkflowBench.Run(workflowArgs);
            case ["referral-list", .. var listArgs]:
                return Records.ReferralListBench.Run(listArgs);
            case ["fhir", .. var fhirArgs]:
                return Fhir.FhirIntakeBench.Run(fhirArgs);
            case ["make-corpus", .. var corpusArgs]:
                return MakeCorpus.Run(corpusArgs);
            case ["what-if", .. var whatIfArgs]:
                return WhatIfBench.Run(whatIfArgs);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
