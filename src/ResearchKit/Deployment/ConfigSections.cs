namespace ResearchKit.Deployment;

/// <summary>A space the config searches, its hybrid weight and the identity of the model that must produce it.</summary>
/// <param name="Name">Space name in the store.</param>
/// <param name="Weight">Hybrid weight (1 for a single-space config).</param>
/// <param name="Model">Model name (registry name or folder name).</param>
/// <param name="Family">Model family.</param>
/// <param name="Dimension">Vector length.</param>
/// <param name="PreprocessFingerprint">Hash of the resolved preprocessing settings.</param>
/// <param name="Files">SHA-256 of every model file, by file name.</param>
public sealed record ConfigSpace(string Name, double Weight, string Model, string Family, int Dimension, string PreprocessFingerprint, IReadOnlyDictionary<string, string> Files);

/// <summary>Crop re-ranking settings.</summary>
public sealed record ConfigCrops(int Grid, double Overlap, bool Center, int Count, double GlobalWeight, double LocalWeight);

/// <summary>Score calibration sigmoid(T * score + b) and the decision threshold on its output.</summary>
public sealed record ConfigCalibration(double Temperature, double Bias, double? Threshold);

/// <summary>
/// Learned per-dimension distance weights: inline (<see cref="Base64"/>, little-endian float32) or in a sidecar
/// file next to the config whose SHA-256 must match <see cref="Sha256"/>.
/// </summary>
public sealed record ConfigTripletWeights(string Space, int Dimension, string? Base64, string? Sidecar, string Sha256);

/// <summary>Where the settings came from and what they achieved.</summary>
public sealed record ConfigProvenance(string Dataset, int Judgments, IReadOnlyDictionary<string, double> HeldOutMetrics, DateTimeOffset Created, string ToolVersion, string? Notes = null);
