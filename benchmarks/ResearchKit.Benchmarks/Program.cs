using ResearchKit.Benchmarks;

// Side-by-side benchmarks: each prints JSON lines that the scripts under benchmarks/ merge with the
// Python reference timings into benchmarks/results/*.md. Timings are medians over repeated runs after warm-up.
return args.FirstOrDefault() switch
{
    "preprocess" => PreprocessBenchmark.Run(args[1..]),
    "draft" => DraftAccuracy.Run(args[1..]),
    "jpeg" => JpegDecodeBenchmark.Run(args[1..]),
    "encode" => await EncodeThroughputBenchmark.RunAsync(args[1..]),
    "gpu" => await GpuThroughputBenchmark.RunAsync(args[1..]),
    "triplets" => TripletTrainingBenchmark.Run(args[1..]),
    "projection" => ProjectionBenchmark.Run(args[1..]),
    "search" => SearchScanBenchmark.Run(args[1..]),
    "serve-prepare" => ServeLoadBenchmark.Prepare(args[1..]),
    "serve-load" => await ServeLoadBenchmark.LoadAsync(args[1..]),
    "serve-soak" => await ServeLoadBenchmark.SoakAsync(args[1..]),
    "judge-prepare" => JudgeLatencyBenchmark.Prepare(args[1..]),
    "judge-latency" => await JudgeLatencyBenchmark.RunAsync(args[1..]),
    "tokenizer" => TokenizerLoadBenchmark.Run(args[1..]),
    "store-load" => StoreLoadBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ResearchKit.Benchmarks preprocess MODELS_ROOT IMAGE... | draft MODELS_ROOT IMAGE... | jpeg IMAGE... [--scales 1,2,4,8] | encode IMAGE_DIR MODEL_DIR... [--batches 1,8,32] [--runs 3] [--index] | gpu MODEL_DIR IMAGE_DIR [--provider cuda] [--batches 32,128] [--images N] | triplets DATA_DIR | projection N... | search [ROWS] | serve-prepare DIR N MODEL | serve-load URL N CONCURRENCIES SECONDS | serve-soak URL RATE SECONDS PID | judge-prepare DIR N DIMENSION MODEL | judge-latency DIR ANSWERS [THINK_MS] | tokenizer STRINGS_JSON TOKENIZER_JSON... | store-load [ROWS,...] [DIM]");
    return 2;
}
