namespace IptTriage.Benchmarks; public static class Program { public static int Main(string[] args) { if (args is ["durable", ..]) return Durable.DurableBench.Run(args[1..]); return 0; } }
