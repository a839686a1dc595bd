using BenchmarkDotNet.Running;

// Micro-benchmarks of hot code paths; HTTP load scripts live beside this project (bench/*.sh).
BenchmarkSwitcher.FromAssembly(typeof(Souk.Bench.MoneyBench).Assembly).Run(args);
