namespace Federation.Contracts.Hub;

/// <summary>
/// The model card of a model, as staff send it. <see cref="TrainedUnder"/> cites the compute allocation it was trained
/// under; the hub fills in the hours and energy from its own record of the award.
/// </summary>
public sealed record ModelInput(
    string? Task, string? Modality, string? Architecture, long? ParameterCount, IReadOnlyList<ResourceLinkInput?>? TrainingDatasets,
    string? IntendedUse, string? OutOfScopeUse, string? Limitations, IReadOnlyList<EvaluationInput?>? Evaluations,
    AiActInput? AiAct, double? TrainingEnergyKwh, string? TrainedIn, AllocationCitationInput? TrainedUnder = null);
