using BenchmarkDotNet.Attributes;
using Souk.Web.Common;

namespace Souk.Bench;

/// <summary>
/// One uploaded photo through the image pipeline (decode, orient, three WebP renditions), as POST /api/v1/media runs it,
/// with the blob writes left out: the CPU cost the create-listing goal (3 photos, p99 &lt; 500 ms) has to fit in.
/// </summary>
[MemoryDiagnoser]
public class ImagePipelineBench
{
    sealed class DiscardingBlobStore : IBlobStore
    {
        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => Task.CompletedTask;
        public Task DeletePrefixAsync(string prefix, CancellationToken ct) => Task.CompletedTask;
        public string UrlFor(string key) => "/media/" + key;
    }

    readonly ImagePipeline pipeline = new(new DiscardingBlobStore());
    byte[] photo = [];

    [Params(PhotoKind.Phone, PhotoKind.Camera)]
    public PhotoKind Kind { get; set; }

    [GlobalSetup]
    public void Setup() => photo = BenchPhotos.Generate(Kind, 1000);

    [Benchmark]
    public async Task<StoredImage?> StorePhoto() =>
        (await pipeline.StoreAsync(photo, "bench", ImagePipeline.PhotoRenditions, CancellationToken.None)).Image;
}
