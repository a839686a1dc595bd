using BenchmarkDotNet.Running;
using Souk.Bench;

// Load tools for the bench/*.sh scripts (they drive a running app over HTTP), and otherwise BenchmarkDotNet
// micro-benchmarks of hot code paths.
return args.FirstOrDefault() switch
{
    "create-listings" => await CreateListingLoad.RunAsync(args[1..]),
    "listing-ids" => await ListingIds.RunAsync(args[1..]),
    "chat-load" => await ChatLoad.RunAsync(args[1..]),
    "checkout-load" => await CheckoutLoad.RunAsync(args[1..]),
    "team-load" => await TeamLoad.RunAsync(args[1..]),
    // photo phone|camera FILE: writes one of the create-listing load's JPEGs, to look at.
    "photo" when args.Length == 3 => WritePhoto(Enum.Parse<PhotoKind>(args[1], ignoreCase: true), args[2]),
    _ => RunBenchmarks(args),
};

static int WritePhoto(PhotoKind kind, string path)
{
    File.WriteAllBytes(path, BenchPhotos.Generate(kind, 1000));
    return 0;
}

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(MoneyBench).Assembly).Run(args);
    return 0;
}
