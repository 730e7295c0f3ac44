using System.Text.Json.Serialization;
using ClosedLoop.Analysis;
using ClosedLoop.Experiments;
using ClosedLoop.Runs;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Runs.Slurm;
using ClosedLoop.Training;

namespace ClosedLoop.Reporting;

/// <summary>
/// Serialisers of every type the project reads or writes as JSON, generated at compile time (with the types they
/// contain). <see cref="JsonFiles.Options"/> and <see cref="SettingsJson.Options"/> consult them before reflection, so
/// the native build (docs/native.md: compiled ahead of time, where reflection cannot make serialisers) writes and reads
/// the same bytes as the ordinary build. The names, enum strings, number handling and converters still come from those
/// options; a type missing here is served by reflection in the ordinary build and fails in the native one, which the
/// native build's tests would show.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunSettings))]
[JsonSerializable(typeof(AnalysisSettings))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(RunFailure))]
[JsonSerializable(typeof(LockHolder))]
[JsonSerializable(typeof(ExperimentManifest))]
[JsonSerializable(typeof(List<Claim>))]
[JsonSerializable(typeof(IReadOnlyList<Claim>))]
[JsonSerializable(typeof(IReadOnlyList<LqrCase>))]
[JsonSerializable(typeof(List<SlurmSubmission>))]
[JsonSerializable(typeof(CheckpointFile.CheckpointState))]
[JsonSerializable(typeof(SummaryStages))]
[JsonSerializable(typeof(StageReport))]
[JsonSerializable(typeof(AcquisitionReport))]
[JsonSerializable(typeof(AnalysisIndex))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class JsonMetadata : JsonSerializerContext;
