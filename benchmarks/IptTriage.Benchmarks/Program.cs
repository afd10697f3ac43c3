namespace IptTriage.Benchmarks; public static class Program { public static void Main() { } }
