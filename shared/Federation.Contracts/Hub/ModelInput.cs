namespace Federation.Contracts.Hub;

/// <summary>The model card of a model, as staff send it.</summary>
public sealed record ModelInput(
    string? Task, string? Modality, string? Architecture, long? ParameterCount, IReadOnlyList<ResourceLinkInput?>? TrainingDatasets,
    string? IntendedUse, string? OutOfScopeUse, string? Limitations, IReadOnlyList<EvaluationInput?>? Evaluations,
    AiActInput? AiAct, double? TrainingEnergyKwh, string? TrainedIn);
