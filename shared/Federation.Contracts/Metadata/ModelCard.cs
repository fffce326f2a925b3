namespace Federation.Contracts.Metadata;

/// <summary>
/// A model card: what the model does and on what data it was trained (links to datasets anywhere in the federation),
/// what it is for and not for, how it scored, its EU AI Act classification, the energy its training took, and the
/// compute allocation it was trained under (<see cref="TrainingCompute"/>).
/// </summary>
public sealed record ModelCard(
    string? Task = null,
    string? Modality = null,
    string? Architecture = null,
    long? ParameterCount = null,
    IReadOnlyList<ResourceLink>? TrainingDatasets = null,
    string? IntendedUse = null,
    string? OutOfScopeUse = null,
    string? Limitations = null,
    IReadOnlyList<Evaluation>? Evaluations = null,
    AiActClassification? AiAct = null,
    double? TrainingEnergyKwh = null,
    string? TrainedIn = null,
    TrainingCompute? TrainingCompute = null);
