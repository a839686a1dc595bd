using System.Globalization;
using BenchmarkDotNet.Attributes;
using Souk.Web.Common;

namespace Souk.Bench;

/// <summary>Money formatting runs on every price shown; it must stay cheap per culture.</summary>
[MemoryDiagnoser]
public class MoneyBench
{
    static readonly CultureInfo HongKong = CultureInfo.GetCultureInfo("zh-Hant-HK");
    readonly Money price = new(1_234_500, "HKD");

    [Benchmark]
    public string FormatHongKong() => price.Format(HongKong);

    [Benchmark]
    public Money Add() => price.Add(new Money(100, "HKD"));
}
