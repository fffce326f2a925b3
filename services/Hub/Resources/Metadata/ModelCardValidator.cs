using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;

namespace Federation.Hub.Resources.Metadata;

/// <summary>Checks a model card: task and modality from the vocabularies, sane numbers, links, the AI Act class, and the allocation it cites.</summary>
public static class ModelCardValidator
{
    public const int NotesMax = 10_000;
    public const int LinksMax = 50;

    public static ModelCard? Validate(ModelInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        if (input.ParameterCount is < 1)
        {
            errors.Fail("model.parameterCount", "The number of parameters is a positive whole number.");
        }

        if (input.TrainingEnergyKwh is { } energy && (energy < 0 || !double.IsFinite(energy)))
        {
            errors.Fail("model.trainingEnergyKwh", "The energy used for training is a number of kWh, zero or more.");
        }

        var links = errors.Items(input.TrainingDatasets, "model.trainingDatasets", LinksMax, $"At most {LinksMax} training datasets.",
            (link, field) => Link(link, field, errors));

        var evaluations = new List<Evaluation>();
        for (var i = 0; i < Math.Min(input.Evaluations?.Count ?? 0, 100); i++)
        {
            var field = $"model.evaluations[{i}]";
            var evaluation = input.Evaluations![i];
            var metric = errors.Text(evaluation?.Metric, $"{field}.metric", 100, required: true);
            if (evaluation?.Value is not { } value || !double.IsFinite(value))
            {
                errors.Fail($"{field}.value", "Every evaluation has a numeric value.");
            }
            else if (metric is not null)
            {
                var dataset = evaluation.Dataset is null ? null : Link(evaluation.Dataset, $"{field}.dataset", errors);
                evaluations.Add(new Evaluation(metric, value, dataset, errors.Text(evaluation.DatasetName, $"{field}.datasetName", 200)));
            }
        }

        return new ModelCard(
            errors.OneOf(input.Task, "model.task", Vocabularies.ModelTasks),
            errors.OneOf(input.Modality, "model.modality", Vocabularies.Modalities),
            errors.Text(input.Architecture, "model.architecture", 200),
            input.ParameterCount,
            links,
            errors.Text(input.IntendedUse, "model.intendedUse", NotesMax),
            errors.Text(input.OutOfScopeUse, "model.outOfScopeUse", NotesMax),
            errors.Text(input.Limitations, "model.limitations", NotesMax),
            evaluations,
            AiAct(input.AiAct, errors),
            input.TrainingEnergyKwh,
            errors.Country(input.TrainedIn, "model.trainedIn"),
            Cited(input.TrainedUnder, errors));
    }

    /// <summary>
    /// The allocation a model cites, its figures still empty: <see cref="TrainingLinkCheck"/> fills them in from this
    /// hub's record of the award, or refuses the citation.
    /// </summary>
    private static TrainingCompute? Cited(AllocationCitationInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var facility = input.FacilityId?.Trim();
        if (facility is null || facility.Length is < 2 or > 40 || !facility.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Fail("model.trainedUnder.facilityId", "Name the facility of the allocation, such as 'ai-factory-groningen'.");
            return null;
        }

        if (input.AllocationId is not { } allocation || allocation == Guid.Empty)
        {
            errors.Fail("model.trainedUnder.allocationId", "Name the allocation's id, as the member's compute page shows it.");
            return null;
        }

        return new TrainingCompute(facility, allocation, "", 0, 0, null);
    }

    public static ResourceLink? Link(ResourceLinkInput? input, string field, FieldErrors errors)
    {
        var hubId = input?.HubId?.Trim();
        if (hubId is null || hubId.Length is < 2 or > 40 || !hubId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Fail($"{field}.hubId", "A link names the hub that holds the resource, such as 'brainport'.");
            return null;
        }

        if (input!.ResourceId is not { } id || id == Guid.Empty)
        {
            errors.Fail($"{field}.resourceId", "A link names the resource's id at that hub.");
            return null;
        }

        return new ResourceLink(hubId, id);
    }

    private static AiActClassification? AiAct(AiActInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var riskClass = errors.OneOf(input.RiskClass, "model.aiAct.riskClass", Vocabularies.AiActRiskClasses, required: true);
        var area = errors.OneOf(input.AnnexIiiArea, "model.aiAct.annexIiiArea", Vocabularies.AnnexIiiAreas);
        if (riskClass == "high-risk" && string.IsNullOrWhiteSpace(input.AnnexIiiArea))
        {
            errors.Fail("model.aiAct.annexIiiArea",
                $"A high-risk system names the area of Annex III it falls under: one of {string.Join(", ", Vocabularies.AnnexIiiAreas)}.");
        }
        else if (area is not null && riskClass is not null && riskClass != "high-risk")
        {
            errors.Fail("model.aiAct.annexIiiArea", "An Annex III area is given only for a high-risk system.");
        }

        var purpose = errors.Text(input.IntendedPurpose, "model.aiAct.intendedPurpose", 2000, required: riskClass is "high-risk" or "limited");
        return riskClass is null ? null : new AiActClassification(riskClass, area, purpose);
    }
}
